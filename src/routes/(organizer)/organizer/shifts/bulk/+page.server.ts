import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { batchSchema, SHIFT_ARRAYS, placeIds } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { placeChoices } from '$lib/server/operations/operations';
import { createBatch, listBatches, undoBatch } from '$lib/server/shifts/bulk';
import { addDays, zonedDate } from '$lib/time';
import { batchInput, requireOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	requireArea('organizer');
	const operation = await requireOperation(url);
	const today = zonedDate(new Date(), operation.timezone);
	return {
		operation: { id: operation.id, name: operation.name },
		places: await placeChoices(operation.id),
		batches: await listBatches(operation.id),
		values: {
			fromDate: today,
			toDate: addDays(today, 2),
			startTime: '08:00',
			endTime: '12:00',
			headcount: '4'
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, url }) => {
		const actor = requireArea('organizer');
		const operation = await requireOperation(url);
		const input = formObject(await request.formData(), SHIFT_ARRAYS);
		const values = { ...safeValues(input), skills: input.skills, languages: input.languages };
		const parsed = validate(batchSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const places = await placeChoices(operation.id);
		const { routeId, postId } = placeIds(parsed.data.place);
		const placeName =
			places.routes.find((r) => r.id === routeId)?.name ??
			places.posts.find((p) => p.id === postId)?.name ??
			'';
		const label = `${placeName} ${parsed.data.startTime}–${parsed.data.endTime} ×${parsed.data.headcount} (${parsed.data.fromDate} → ${parsed.data.toDate})`;
		try {
			const { created } = await createBatch(actor.id, operation.id, batchInput(parsed.data, label));
			return { created };
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { ...failure.data, values });
		}
	},
	undo: async ({ request }) => {
		const actor = requireArea('organizer');
		const parsed = validate(
			v.object({ batchId: v.pipe(v.string(), v.nonEmpty()) }),
			formObject(await request.formData())
		);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			return { undone: await undoBatch(actor.id, parsed.data.batchId) };
		} catch (caught) {
			return failWith(caught);
		}
	}
} satisfies Actions;
