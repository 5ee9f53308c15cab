import { afterAll, describe, expect, it } from 'vitest';
import { closeLiveBus } from '$lib/server/live/bus';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser } from '$test/factories';
import { makePod } from '$test/logistics-factories';
import {
	bookPod,
	bookableSlots,
	cancelBooking,
	checkIn,
	checkOut,
	occupancyBoard,
	releaseExpired,
	remindStartingSlots,
	slotStart
} from './bookings';

// Booking changes publish live notices; close the notice connection before the database goes.
afterAll(closeLiveBus);

const MINUTE = 60_000;
const now = new Date('2026-12-01T04:07:00Z');
const slot = slotStart(new Date(now.getTime() + 30 * MINUTE), 20);

async function podAndStaff(people: number, capacity: number) {
	const operation = await makeOperation({ startsAt: new Date(now.getTime() - 86_400_000) });
	const shift = await makeShift(operation.id, {
		startsAt: new Date(now.getTime() - 60 * MINUTE),
		endsAt: new Date(now.getTime() + 4 * 60 * MINUTE)
	});
	const pod = await makePod(operation.id, capacity);
	const staff = [];
	for (let i = 0; i < people; i++) {
		const user = await makeUser();
		await assign(shift.id, user.id);
		staff.push(user);
	}
	return { operation, shift, pod, staff };
}

describe(`rest pod bookings on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('fills the last places exactly, whatever the number of people asking at once', async () => {
		const { pod, staff } = await podAndStaff(33, 5);
		for (const person of staff.slice(0, 2)) await bookPod(person, { podId: pod.id, startsAt: slot }, now);
		const results = await Promise.allSettled(
			staff.slice(2).map((person) => bookPod(person, { podId: pod.id, startsAt: slot }, now))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
		for (const result of results.filter((r) => r.status === 'rejected')) {
			expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'pod_full' });
		}
		const active = await db.podBooking.findMany({ where: { podId: pod.id, status: 'BOOKED' } });
		expect(active).toHaveLength(5);
		expect(new Set(active.map((booking) => booking.place))).toEqual(new Set([1, 2, 3, 4, 5]));
		const { slots } = await bookableSlots(staff[0].id, pod.id, now);
		expect(slots.find((s) => s.startsAt.getTime() === slot.getTime())?.free).toBe(0);
	});

	it('gives one person one active booking, even when they tap twice at once', async () => {
		const { pod, staff } = await podAndStaff(1, 4);
		const later = new Date(slot.getTime() + 20 * MINUTE);
		const results = await Promise.allSettled([
			bookPod(staff[0], { podId: pod.id, startsAt: slot }, now),
			bookPod(staff[0], { podId: pod.id, startsAt: later }, now),
			bookPod(staff[0], { podId: pod.id, startsAt: slot }, now)
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(
			results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)
		).toEqual(['pod_already_booked', 'pod_already_booked']);
	});

	it('frees the place on cancellation, and only staff on a shift at that time may book', async () => {
		const { pod, staff } = await podAndStaff(2, 1);
		const booking = await bookPod(staff[0], { podId: pod.id, startsAt: slot }, now);
		await expect(bookPod(staff[1], { podId: pod.id, startsAt: slot }, now)).rejects.toMatchObject({
			code: 'pod_full'
		});
		await expect(cancelBooking(staff[1], { bookingId: booking.id })).rejects.toMatchObject({ status: 403 });
		await cancelBooking(staff[0], { bookingId: booking.id });
		await bookPod(staff[1], { podId: pod.id, startsAt: slot }, now);

		const outsider = await makeUser();
		await expect(bookPod(outsider, { podId: pod.id, startsAt: slot }, now)).rejects.toMatchObject({
			code: 'pod_not_on_shift',
			status: 403
		});
		const afterShift = slotStart(new Date(now.getTime() + 5 * 60 * MINUTE), 20);
		await expect(bookPod(staff[0], { podId: pod.id, startsAt: afterShift }, now)).rejects.toMatchObject({
			code: 'pod_not_on_shift'
		});
		await expect(
			bookPod(staff[0], { podId: pod.id, startsAt: new Date(slot.getTime() + 7 * MINUTE) }, now)
		).rejects.toMatchObject({ code: 'pod_slot_invalid' });
	});

	it('checks in and out, releases no-shows after the grace period and reminds once', async () => {
		const { operation, pod, staff } = await podAndStaff(2, 2);
		const [ana, bo] = staff;
		const anaBooking = await bookPod(ana, { podId: pod.id, startsAt: slot }, now);
		const boBooking = await bookPod(bo, { podId: pod.id, startsAt: slot }, now);
		await expect(checkIn(ana, { bookingId: anaBooking.id }, now)).rejects.toMatchObject({
			code: 'pod_check_in_early'
		});

		const atStart = new Date(slot.getTime() + 1 * MINUTE);
		// Other tests' bookings share this database; count this pod's reminders.
		expect(await remindStartingSlots(atStart)).toBeGreaterThanOrEqual(2);
		expect(await remindStartingSlots(atStart)).toBe(0);
		const reminders = await db.outboxEvent.findMany({
			where: { topic: 'pod.slot_starting', payload: { contains: pod.id } }
		});
		expect(reminders).toHaveLength(2);

		await checkIn(ana, { bookingId: anaBooking.id }, atStart);
		let [board] = await occupancyBoard(operation.id, atStart);
		expect(board).toMatchObject({ capacity: 2, inside: 1, expected: 1, free: 0 });

		const afterGrace = new Date(slot.getTime() + 6 * MINUTE);
		expect((await releaseExpired(afterGrace)).released).toBeGreaterThanOrEqual(1);
		expect((await db.podBooking.findUniqueOrThrow({ where: { id: boBooking.id } })).status).toBe('RELEASED');
		await expect(checkIn(bo, { bookingId: boBooking.id }, afterGrace)).rejects.toMatchObject({
			code: 'pod_booking_not_active'
		});
		[board] = await occupancyBoard(operation.id, afterGrace);
		expect(board).toMatchObject({ inside: 1, expected: 0, free: 1 });

		await checkOut(ana, { bookingId: anaBooking.id }, afterGrace);
		expect(await db.podBooking.findUniqueOrThrow({ where: { id: anaBooking.id } })).toMatchObject({
			status: 'CHECKED_OUT',
			activeKey: null,
			placeKey: null
		});
		// Free again: Ana may book another break.
		await bookPod(ana, { podId: pod.id, startsAt: new Date(slot.getTime() + 40 * MINUTE) }, afterGrace);
	});
});
