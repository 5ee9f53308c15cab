import { afterAll, describe, expect, it } from 'vitest';
import { closeLiveBus } from '$lib/server/live/bus';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser } from '$test/factories';
import { makePod } from '$test/logistics-factories';
import { bookPod, checkIn, slotStart } from './bookings';
import { closePod, listPods, updatePod } from './pods';

afterAll(closeLiveBus);

const MINUTE = 60_000;
const now = new Date('2026-12-01T04:07:00Z');
const slot = slotStart(new Date(now.getTime() + 30 * MINUTE), 20);
const form = { name: 'Quiet Pod', capacity: 6, slotMinutes: 20, amenities: ['DARK', 'NOT_AN_AMENITY'] };

async function podWithBooking() {
	const operation = await makeOperation({ startsAt: new Date(now.getTime() - 86_400_000) });
	const shift = await makeShift(operation.id, {
		startsAt: new Date(now.getTime() - 60 * MINUTE),
		endsAt: new Date(now.getTime() + 4 * 60 * MINUTE)
	});
	const pod = await makePod(operation.id, 3);
	const person = await makeUser();
	await assign(shift.id, person.id);
	const staff = await makeUser({ role: 'LOGISTICS' });
	return { operation, pod, person, staff };
}

describe(`changing and closing rest pods on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('changes name, places and amenities; only stock staff, only for a pod of the operation', async () => {
		const { operation, pod, person, staff } = await podWithBooking();
		await updatePod(staff, operation.id, pod.id, form, now);
		const [listed] = await listPods(operation.id);
		expect(listed).toMatchObject({ id: pod.id, name: 'Quiet Pod', capacity: 6, amenities: ['DARK'] });

		await expect(updatePod(person, operation.id, pod.id, form, now)).rejects.toMatchObject({ status: 403 });
		const other = await makeOperation();
		await expect(updatePod(staff, other.id, pod.id, form, now)).rejects.toMatchObject({ status: 404 });
		const second = await makePod(operation.id);
		await expect(updatePod(staff, operation.id, second.id, form, now)).rejects.toMatchObject({
			code: 'pod_name_taken',
			status: 409
		});
	});

	it('keeps the slot length while slots are booked', async () => {
		const { operation, pod, person, staff } = await podWithBooking();
		await bookPod(person, { podId: pod.id, startsAt: slot }, now);
		await expect(
			updatePod(staff, operation.id, pod.id, { ...form, slotMinutes: 30 }, now)
		).rejects.toMatchObject({ code: 'pod_slot_in_use', options: { field: 'slotMinutes' } });
		expect((await db.pod.findUniqueOrThrow({ where: { id: pod.id } })).slotMinutes).toBe(20);
	});

	it('closes only an empty pod, cancelling the bookings still to come', async () => {
		const { operation, pod, person, staff } = await podWithBooking();
		const booking = await bookPod(person, { podId: pod.id, startsAt: slot }, now);
		await checkIn(person, { bookingId: booking.id }, new Date(slot.getTime() + MINUTE));
		await expect(closePod(staff, operation.id, pod.id, now)).rejects.toMatchObject({ code: 'pod_occupied' });

		await db.podBooking.update({
			where: { id: booking.id },
			data: { status: 'BOOKED', activeKey: person.id }
		});
		expect(await closePod(staff, operation.id, pod.id, now)).toMatchObject({ cancelled: 1 });
		expect(await db.podBooking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
			status: 'CANCELLED',
			activeKey: null
		});
		expect(await listPods(operation.id)).toEqual([]);
		await expect(bookPod(person, { podId: pod.id, startsAt: slot }, now)).rejects.toMatchObject({
			code: 'pod_unknown'
		});
	});
});
