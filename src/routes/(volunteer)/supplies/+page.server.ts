import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requestLines, requestSchema } from '$lib/schemas/logistics';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { isStockStaff, type Actor } from '$lib/server/logistics/access';
import { listItems } from '$lib/server/logistics/items';
import { servableShifts } from '$lib/server/logistics/meals';
import {
	cancelRequest,
	confirmReceipt,
	createRequest,
	requestablePosts,
	requestsForPosts,
	requestsBy
} from '$lib/server/logistics/requests';
import { currentOperation } from '$lib/server/operations/operations';
import { activeBookingOf } from '$lib/server/pods/bookings';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperation();
	if (!operation)
		return {
			operation: null,
			posts: [],
			items: [],
			requests: [],
			booking: null,
			serves: false,
			clientId: ''
		};
	const posts = await requestablePosts(user, operation.id);
	const staff = isStockStaff(user.role);
	const [items, requests, booking, serves] = await Promise.all([
		posts.length ? listItems(operation.id) : [],
		staff ? requestsBy(user.id) : requestsForPosts(posts.map((post) => post.id)),
		activeBookingOf(user.id),
		servableShifts(user, operation.id).then((shifts) => shifts.length > 0)
	]);
	return {
		operation: { id: operation.id, timezone: operation.timezone },
		posts: posts.map((post) => ({ id: post.id, name: post.name })),
		// Live notices come per post this person staffs (logistics staff follow the queue instead).
		followPosts: staff ? [] : posts.map((post) => post.id),
		items,
		requests,
		booking,
		serves: serves || staff,
		clientId: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

const requestIdSchema = v.object({ requestId: v.pipe(v.string(), v.nonEmpty()) });

/** Confirming receipt and withdrawing: one request, one button, errors shown on its card. */
async function step(
	request: Request,
	run: (actor: Actor, input: { requestId: string }) => Promise<unknown>,
	done: 'confirmed' | 'cancelled'
) {
	const user = requireArea('volunteer');
	const parsed = validate(requestIdSchema, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors, requestId: '' });
	try {
		await run(user, parsed.data);
	} catch (error) {
		return failWith(error, undefined, { requestId: parsed.data.requestId });
	}
	return { done, requestId: parsed.data.requestId };
}

export const actions = {
	request: async ({ request }) => {
		const user = requireArea('volunteer');
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(requestSchema, input);
		const lines = requestLines(input);
		if (!parsed.ok || !lines.ok) {
			return fail(400, {
				errors: { ...(parsed.ok ? {} : parsed.errors), ...(lines.ok ? {} : lines.errors) },
				values,
				form: 'request' as const
			});
		}
		try {
			await createRequest(user, { ...parsed.data, urgent: parsed.data.urgent === 'on', lines: lines.data });
		} catch (error) {
			return failWith(error, values, { form: 'request' as const });
		}
		return { requested: true };
	},
	confirm: ({ request }) => step(request, confirmReceipt, 'confirmed'),
	cancel: ({ request }) => step(request, cancelRequest, 'cancelled')
} satisfies Actions;
