import { handoverSchema, matchSchema } from '$lib/schemas/guests';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { handOver, itemDetail, matchItems } from '$lib/server/guests/lost-found';
import { pageError } from '$lib/server/http';
import { workingOperation } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		const operation = await workingOperation(user);
		return { ...(await itemDetail(operation.id, params.id)), timezone: operation.timezone };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	match: operationAction({
		area: 'volunteer',
		form: 'match',
		schema: matchSchema,
		run: async ({ user, data, operation }) => {
			await matchItems(user.id, operation.id, data.id, data.otherId);
			return { id: data.otherId };
		}
	}),
	handover: operationAction({
		area: 'volunteer',
		form: 'handover',
		schema: handoverSchema,
		run: ({ user, data, operation }) =>
			handOver(user.id, operation.id, data.id, {
				receiverName: data.receiverName,
				proof: data.proof,
				proofNote: data.proofNote
			})
	})
} satisfies Actions;
