import { recordId } from '$lib/schemas/forms';
import { supplyRequestForm } from '$lib/schemas/logistics';
import { requireArea } from '$lib/server/auth/guards';
import { formAction, operationAction } from '$lib/server/forms';
import { isStockStaff } from '$lib/server/logistics/access';
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
import { currentOperationOf } from '$lib/server/operations/access';
import { activeBookingOf } from '$lib/server/pods/bookings';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
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

// Requests are for a post the person staffs now (createRequest checks it); confirming and
// withdrawing name the request in the hidden `id`, checked to be theirs in the domain.
export const actions = {
	request: operationAction({
		form: 'request',
		area: 'volunteer',
		schema: supplyRequestForm,
		run: async ({ user, data }) => {
			await createRequest(user, data);
		}
	}),
	confirm: formAction({
		form: 'confirm',
		area: 'volunteer',
		schema: recordId,
		run: async ({ user, data }) => {
			await confirmReceipt(user, { requestId: data.id });
			return { id: data.id };
		}
	}),
	cancel: formAction({
		form: 'cancel',
		area: 'volunteer',
		schema: recordId,
		run: async ({ user, data }) => {
			await cancelRequest(user, { requestId: data.id });
			return { id: data.id };
		}
	})
} satisfies Actions;
