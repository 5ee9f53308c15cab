import { fail, redirect } from '@sveltejs/kit';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { SHIFT_ARRAYS, shiftSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { placeChoices } from '$lib/server/operations/operations';
import { createShift } from '$lib/server/shifts/shifts';
import { zonedDate } from '$lib/time';
import { shiftInput, requireOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	requireArea('organizer');
	const operation = await requireOperation(url);
	return {
		operation: { id: operation.id, name: operation.name },
		places: await placeChoices(operation.id),
		values: {
			place: url.searchParams.get('place') ?? '',
			date: url.searchParams.get('date') ?? zonedDate(new Date(), operation.timezone),
			startTime: '08:00',
			endTime: '12:00',
			headcount: '4'
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, url }) => {
		const actor = requireArea('organizer');
		const operation = await requireOperation(url);
		const input = formObject(await request.formData(), SHIFT_ARRAYS);
		const values = { ...safeValues(input), skills: input.skills, languages: input.languages };
		const parsed = validate(shiftSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		let id;
		try {
			id = (await createShift(actor.id, operation.id, shiftInput(parsed.data, operation.timezone))).id;
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { ...failure.data, values });
		}
		redirect(303, `/organizer/shifts/${id}`);
	}
} satisfies Actions;
