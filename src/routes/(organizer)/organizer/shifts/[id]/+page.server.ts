import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { SHIFT_ARRAYS, shiftSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import type { SessionUser } from '$lib/server/auth/session';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { requireOperation } from '$lib/server/operations/access';
import { placeChoices, routeCheckpoints } from '$lib/server/operations/operations';
import { candidatesFor } from '$lib/server/shifts/candidates';
import { assign, setLeader, unassign } from '$lib/server/shifts/roster';
import { cancelShift, shiftDetail, shiftOperationId, updateShift } from '$lib/server/shifts/shifts';
import { zonedDate, formatTime } from '$lib/time';
import { shiftInput } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

async function loadShift(user: SessionUser, id: string) {
	try {
		const shift = await shiftDetail(id);
		await requireOperation(user, shift.operationId);
		return shift;
	} catch (caught) {
		pageError(caught);
	}
}

export const load = (async ({ params, url }) => {
	const shift = await loadShift(requireArea('organizer'), params.id);
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

// The shift in the address decides the operation (checked to be one of the person's); the
// roster forms name a person in the hidden `id`.
const scope = {
	area: 'organizer',
	operation: ({ params }: RequestEvent) => shiftOperationId(params.id!)
} as const;

const person = v.object({
	id: v.pipe(
		v.string(),
		v.nonEmpty(() => m.error_choose_option())
	)
});

const rosterAction = (work: (actorId: string, shiftId: string, userId: string) => Promise<unknown>) =>
	operationAction({
		...scope,
		form: 'roster',
		schema: person,
		run: async ({ user, data, event }) => {
			await work(user.id, event.params.id!, data.id);
		}
	});

export const actions = {
	update: operationAction({
		...scope,
		form: 'edit',
		schema: shiftSchema,
		arrays: SHIFT_ARRAYS,
		run: async ({ user, data, operation, event }) => {
			await updateShift(user.id, event.params.id!, shiftInput(data, operation.timezone));
		}
	}),
	assign: rosterAction((actorId, shiftId, userId) => assign(actorId, shiftId, userId)),
	unassign: rosterAction(unassign),
	leader: rosterAction(setLeader),
	cancel: operationAction({
		...scope,
		form: 'cancel',
		schema: v.object({}),
		run: async ({ user, operation, event }) => {
			const shift = await shiftDetail(event.params.id!);
			await cancelShift(user.id, shift.id);
			redirect(
				303,
				`/organizer/shifts?operation=${operation.id}&day=${zonedDate(shift.startsAt, operation.timezone)}`
			);
		}
	})
} satisfies Actions;
