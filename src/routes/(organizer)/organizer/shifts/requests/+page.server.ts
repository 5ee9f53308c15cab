import * as v from 'valibot';
import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { decideRequest, pendingRequests } from '$lib/server/shifts/requests';
import { operationInAddress, shiftsOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const operation = await shiftsOperation(requireArea('organizer'), url);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		requests: await pendingRequests(operation.id)
	};
}) satisfies PageServerLoad;

const decision = v.object({
	...recordId.entries,
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), '')
});

/** Approve or decline: the hidden `id` is the request, checked to be of this operation. */
const decide = (approve: boolean) =>
	operationAction({
		form: 'decide',
		area: 'organizer',
		schema: decision,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => {
			await decideRequest({
				actorId: user.id,
				requestId: data.id,
				approve,
				note: data.note,
				operationId: operation.id
			});
			return { id: data.id, decided: approve ? 'approved' : 'declined' };
		}
	});

export const actions = {
	approve: decide(true),
	decline: decide(false)
} satisfies Actions;
