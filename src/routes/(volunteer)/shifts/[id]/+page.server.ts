import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { recordId } from '$lib/schemas/forms';
import { requestSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { routeCheckpoints } from '$lib/server/operations/operations';
import { requireShiftInScope } from '$lib/server/operations/access';
import { shiftsICanTake } from '$lib/server/shifts/available';
import { shiftForVolunteer } from '$lib/server/shifts/mine';
import { requestChange, withdrawRequest } from '$lib/server/shifts/requests';
import { leaveWaitlist, signUp } from '$lib/server/shifts/roster';
import type { Actions, PageServerLoad } from './$types';
import { shiftName } from '$lib/shifts/name';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	let shift;
	try {
		await requireShiftInScope(user, params.id);
		shift = await shiftForVolunteer(user.id, params.id);
	} catch (caught) {
		pageError(caught);
	}
	const onIt = shift.myStatus === 'ASSIGNED' || shift.myStatus === 'PRESENT';
	// Swaps go to a shift the person could take anyway; the rules are checked again on approval.
	const swapTargets =
		onIt && !shift.started ? (await shiftsICanTake(user.id, { operationId: shift.operationId })).shifts : [];
	return {
		// The names of the team are for the people on it.
		shift: { ...shift, team: onIt ? shift.team : [] },
		checkpoints: shift.route ? await routeCheckpoints(shift.route.id) : [],
		swapTargets: swapTargets.map((s) => ({
			id: s.id,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			place: shiftName(s)
		}))
	};
}) satisfies PageServerLoad;

// The shift is the page's; the person is always the signed-in one. The domain checks the shift is
// open to them (their operation, not started) and that a request or swap target is theirs to use.
export const actions = {
	signUp: formAction({
		form: 'signUp',
		area: 'volunteer',
		schema: v.object({}),
		run: async ({ user, event }) => {
			await requireShiftInScope(user, event.params.id!);
			return {
				outcome: (await signUp(user.id, event.params.id!)) === 'ASSIGNED' ? 'assigned' : 'waitlisted'
			};
		}
	}),
	leaveWaitlist: formAction({
		form: 'leaveWaitlist',
		area: 'volunteer',
		schema: v.object({}),
		run: async ({ user, event }) => {
			await leaveWaitlist(user.id, event.params.id!);
			return { outcome: 'left' };
		}
	}),
	request: formAction({
		form: 'request',
		area: 'volunteer',
		schema: v.pipe(
			requestSchema,
			v.forward(
				v.check(
					(data) => data.kind !== 'SWAP' || Boolean(data.targetShiftId),
					() => m.error_swap_target_invalid()
				),
				['targetShiftId']
			)
		),
		run: async ({ user, data, event }) => {
			await requestChange({ userId: user.id, shiftId: event.params.id!, ...data });
			return { outcome: 'requested' };
		}
	}),
	withdraw: formAction({
		form: 'withdraw',
		area: 'volunteer',
		schema: recordId,
		run: async ({ user, data }) => {
			await withdrawRequest(user.id, data.id);
			return { outcome: 'withdrawn' };
		}
	})
} satisfies Actions;
