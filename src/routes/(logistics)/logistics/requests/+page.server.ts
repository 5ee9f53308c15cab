import * as v from 'valibot';
import { zonedTime, zonedDate } from '$lib/time';
import { recordId } from '$lib/schemas/forms';
import { operationAction } from '$lib/server/forms';
import type { Actor } from '$lib/server/logistics/access';
import {
	acceptRequest,
	cancelRequest,
	declineRequest,
	deliverRequest,
	pickRequest,
	requestQueue
} from '$lib/server/logistics/requests';
import { listDepots } from '$lib/server/logistics/locations';
import { logisticsContext } from '../context.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const { operation } = await logisticsContext();
	if (!operation) return { operation: null, open: [], closed: [], depots: [] };
	const startOfDay = zonedTime(zonedDate(new Date(), operation.timezone), '00:00', operation.timezone);
	const [queue, depots] = await Promise.all([
		requestQueue(operation.id, startOfDay),
		listDepots(operation.id)
	]);
	return { operation: { id: operation.id, timezone: operation.timezone }, ...queue, depots };
}) satisfies PageServerLoad;

const step = v.object({
	...recordId.entries,
	depotId: v.optional(v.string(), ''),
	reason: v.optional(v.pipe(v.string(), v.maxLength(500)), '')
});

type Run = (
	actor: Actor,
	input: { requestId: string; operationId: string; depotId: string; reason: string }
) => Promise<unknown>;

/** Every queue button: the hidden `id` is the request, checked to be of this operation. */
const queueStep = (outcome: string, run: Run) =>
	operationAction({
		form: 'queue',
		area: 'logistics',
		schema: step,
		run: async ({ user, data, operation }) => {
			await run(user, { ...data, requestId: data.id, operationId: operation.id });
			return { id: data.id, outcome };
		}
	});

export const actions = {
	accept: queueStep('accepted', acceptRequest),
	pick: queueStep('picked', pickRequest),
	deliver: queueStep('delivered', deliverRequest),
	decline: queueStep('declined', declineRequest),
	cancel: queueStep('cancelled', cancelRequest)
} satisfies Actions;
