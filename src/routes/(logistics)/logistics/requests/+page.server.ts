import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { zonedTime, zonedDate } from '$lib/time';
import { formObject, validate } from '$lib/schemas/forms';
import { failWith } from '$lib/server/http';
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
import { logisticsAction, logisticsContext } from '../context.server';
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
	requestId: v.pipe(v.string(), v.nonEmpty()),
	depotId: v.optional(v.string(), ''),
	reason: v.optional(v.pipe(v.string(), v.maxLength(500)), '')
});

type Step = v.InferOutput<typeof step>;
type Run = (actor: Actor, input: Step) => Promise<unknown>;

/** Every queue button: same checks, same failure shape (tied to the request's card). */
async function act(request: Request, run: Run, done: string) {
	const { user, failure } = await logisticsAction();
	if (failure) return failure;
	const parsed = validate(step, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors, requestId: '' });
	try {
		await run(user, parsed.data);
	} catch (error) {
		return failWith(error, undefined, { requestId: parsed.data.requestId });
	}
	return { done, requestId: parsed.data.requestId };
}

export const actions = {
	accept: ({ request }) => act(request, (user, input) => acceptRequest(user, input), 'accepted'),
	pick: ({ request }) => act(request, (user, input) => pickRequest(user, input), 'picked'),
	deliver: ({ request }) => act(request, (user, input) => deliverRequest(user, input), 'delivered'),
	decline: ({ request }) => act(request, (user, input) => declineRequest(user, input), 'declined'),
	cancel: ({ request }) => act(request, (user, input) => cancelRequest(user, input), 'cancelled')
} satisfies Actions;
