import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { SHIFT_ARRAYS, shiftSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, pageError } from '$lib/server/http';
import { placeChoices, routeCheckpoints } from '$lib/server/operations/operations';
import { candidatesFor } from '$lib/server/shifts/candidates';
import { assign, setLeader, unassign } from '$lib/server/shifts/roster';
import { cancelShift, shiftDetail, updateShift } from '$lib/server/shifts/shifts';
import { zonedDate, formatTime } from '$lib/time';
import { shiftInput } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

async function loadShift(id: string) {
	try {
		return await shiftDetail(id);
	} catch (caught) {
		pageError(caught);
	}
}

export const load = (async ({ params, url }) => {
	requireArea('organizer');
	const shift = await loadShift(params.id);
	const tz = shift.operation.timezone;
	const q = url.searchParams.get('q') ?? '';
	return {
		shift,
		q,
		candidates: await candidatesFor(shift.id, q),
		places: await placeChoices(shift.operationId),
		checkpoints: shift.route ? await routeCheckpoints(shift.route.id) : [],
		values: {
			place: shift.routeId ? `route:${shift.routeId}` : `post:${shift.postId}`,
			title: shift.title ?? '',
			date: zonedDate(shift.startsAt, tz),
			startTime: formatTime(shift.startsAt, tz, 'en-GB'),
			endTime: formatTime(shift.endsAt, tz, 'en-GB'),
			headcount: String(shift.headcount),
			minAge: shift.minAge ? String(shift.minAge) : '',
			instructions: shift.instructions ?? '',
			skills: shift.requirements.filter((r) => r.kind === 'SKILL').map((r) => r.code),
			languages: shift.requirements.filter((r) => r.kind === 'LANGUAGE').map((r) => r.code)
		}
	};
}) satisfies PageServerLoad;

const person = v.object({
	userId: v.pipe(
		v.string(),
		v.nonEmpty(() => m.error_choose_option())
	)
});

/** Roster actions report problems at the people list ("roster"), the edit form at "edit". */
async function rosterAction(request: Request, work: (userId: string, actorId: string) => Promise<unknown>) {
	const actor = requireArea('organizer');
	const parsed = validate(person, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { target: 'roster', errors: parsed.errors });
	try {
		await work(parsed.data.userId, actor.id);
	} catch (caught) {
		const failure = failWith(caught);
		return fail(failure.status, { target: 'roster', ...failure.data });
	}
	return { done: 'roster' };
}

export const actions = {
	update: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const shift = await loadShift(params.id);
		const input = formObject(await request.formData(), SHIFT_ARRAYS);
		const values = { ...safeValues(input), skills: input.skills, languages: input.languages };
		const parsed = validate(shiftSchema, input);
		if (!parsed.ok) return fail(400, { target: 'edit', errors: parsed.errors, values });
		try {
			await updateShift(actor.id, shift.id, shiftInput(parsed.data, shift.operation.timezone));
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { target: 'edit', ...failure.data, values });
		}
		return { done: 'edit' };
	},
	assign: ({ request, params }) =>
		rosterAction(request, (userId, actorId) => assign(actorId, params.id, userId)),
	unassign: ({ request, params }) =>
		rosterAction(request, (userId, actorId) => unassign(actorId, params.id, userId)),
	leader: ({ request, params }) =>
		rosterAction(request, (userId, actorId) => setLeader(actorId, params.id, userId)),
	cancel: async ({ params }) => {
		const actor = requireArea('organizer');
		const shift = await loadShift(params.id);
		try {
			await cancelShift(actor.id, shift.id);
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { target: 'cancel', ...failure.data });
		}
		redirect(
			303,
			`/organizer/shifts?operation=${shift.operationId}&day=${zonedDate(shift.startsAt, shift.operation.timezone)}`
		);
	}
} satisfies Actions;
