import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { formObject, validate } from '$lib/schemas/forms';
import { requestSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, pageError } from '$lib/server/http';
import { routeCheckpoints } from '$lib/server/operations/operations';
import { shiftsICanTake } from '$lib/server/shifts/available';
import { shiftForVolunteer } from '$lib/server/shifts/mine';
import { requestChange, withdrawRequest } from '$lib/server/shifts/requests';
import { leaveWaitlist, signUp } from '$lib/server/shifts/roster';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	let shift;
	try {
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
			place: s.title ?? s.route?.name ?? s.post?.name ?? ''
		}))
	};
}) satisfies PageServerLoad;

async function guarded(work: () => Promise<unknown>, done: string) {
	try {
		await work();
	} catch (caught) {
		return failWith(caught);
	}
	return { done };
}

export const actions = {
	signUp: async ({ params }) => {
		const user = requireArea('volunteer');
		try {
			return { done: (await signUp(user.id, params.id)) === 'ASSIGNED' ? 'assigned' : 'waitlisted' };
		} catch (caught) {
			return failWith(caught);
		}
	},
	leaveWaitlist: async ({ params }) => {
		const user = requireArea('volunteer');
		return guarded(() => leaveWaitlist(user.id, params.id), 'left');
	},
	request: async ({ request, params }) => {
		const user = requireArea('volunteer');
		const parsed = validate(requestSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		if (parsed.data.kind === 'SWAP' && !parsed.data.targetShiftId) {
			return fail(400, { errors: { targetShiftId: m.error_swap_target_invalid() } });
		}
		return guarded(() => requestChange({ userId: user.id, shiftId: params.id, ...parsed.data }), 'requested');
	},
	withdraw: async ({ request }) => {
		const user = requireArea('volunteer');
		const parsed = validate(
			v.object({ requestId: v.pipe(v.string(), v.nonEmpty()) }),
			formObject(await request.formData())
		);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		return guarded(() => withdrawRequest(user.id, parsed.data.requestId), 'withdrawn');
	}
} satisfies Actions;
