import * as v from 'valibot';
import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import type { Actor } from '$lib/server/logistics/access';
import { currentOperationOf } from '$lib/server/operations/access';
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
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, pods: [], booking: null };
	const [pods, booking] = await Promise.all([listPods(operation.id), activeBookingOf(user.id)]);
	const withSlots = await Promise.all(
		pods.map(async (pod) => ({ ...pod, slots: (await bookableSlots(user.id, pod.id)).slots.slice(0, 9) }))
	);
	return { operation: { id: operation.id, timezone: operation.timezone }, pods: withSlots, booking };
}) satisfies PageServerLoad;

const bookSchema = v.object({
	...recordId.entries,
	startsAt: v.pipe(
		v.string(),
		v.isoTimestamp(),
		v.transform((text) => new Date(text))
	)
});

/** Checking in, out and cancelling: the hidden `id` is the booking, checked to be the person's. */
const onBooking = (outcome: string, run: (actor: Actor, input: { bookingId: string }) => Promise<unknown>) =>
	formAction({
		form: 'booking',
		area: 'volunteer',
		schema: recordId,
		run: async ({ user, data }) => {
			await run(user, { bookingId: data.id });
			return { outcome };
		}
	});

export const actions = {
	// The hidden `id` is the pod; bookPod checks the person may rest there now.
	book: formAction({
		form: 'book',
		area: 'volunteer',
		schema: bookSchema,
		run: async ({ user, data }) => {
			await bookPod(user, { podId: data.id, startsAt: data.startsAt });
			return { outcome: 'booked' };
		}
	}),
	checkIn: onBooking('checked_in', (actor, input) => checkIn(actor, input)),
	checkOut: onBooking('checked_out', (actor, input) => checkOut(actor, input)),
	cancel: onBooking('cancelled', cancelBooking)
} satisfies Actions;
