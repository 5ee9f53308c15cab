import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import type { Actor } from '$lib/server/logistics/access';
import { currentOperation } from '$lib/server/operations/operations';
import {
	activeBookingOf,
	bookPod,
	bookableSlots,
	cancelBooking,
	checkIn,
	checkOut
} from '$lib/server/pods/bookings';
import { listPods } from '$lib/server/pods/pods';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperation();
	if (!operation) return { operation: null, pods: [], booking: null };
	const [pods, booking] = await Promise.all([listPods(operation.id), activeBookingOf(user.id)]);
	const withSlots = await Promise.all(
		pods.map(async (pod) => ({ ...pod, slots: (await bookableSlots(user.id, pod.id)).slots.slice(0, 9) }))
	);
	return { operation: { id: operation.id, timezone: operation.timezone }, pods: withSlots, booking };
}) satisfies PageServerLoad;

const bookSchema = v.object({
	podId: v.pipe(v.string(), v.nonEmpty()),
	startsAt: v.pipe(
		v.string(),
		v.isoTimestamp(),
		v.transform((text) => new Date(text))
	)
});
const bookingSchema = v.object({ bookingId: v.pipe(v.string(), v.nonEmpty()) });

async function onBooking(
	request: Request,
	run: (actor: Actor, input: { bookingId: string }) => Promise<unknown>,
	done: string
) {
	const user = requireArea('volunteer');
	const parsed = validate(bookingSchema, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors });
	try {
		await run(user, parsed.data);
	} catch (error) {
		return failWith(error);
	}
	return { done };
}

export const actions = {
	book: async ({ request }) => {
		const user = requireArea('volunteer');
		const parsed = validate(bookSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await bookPod(user, parsed.data);
		} catch (error) {
			return failWith(error);
		}
		return { done: 'booked' };
	},
	checkIn: ({ request }) => onBooking(request, (actor, input) => checkIn(actor, input), 'checked_in'),
	checkOut: ({ request }) => onBooking(request, (actor, input) => checkOut(actor, input), 'checked_out'),
	cancel: ({ request }) => onBooking(request, cancelBooking, 'cancelled')
} satisfies Actions;
