// Booking a place in a rest pod for one slot of a break.
//
// Capacity and "one active booking per person" are held by two unique indexes: an active booking
// owns the key "<pod>:<slot>:<place>" (place 1..capacity) and the key "<person>". Booking tries the
// free places in turn; the database refuses a taken one, so no interleaving of requests can
// overfill a pod. Ending a booking (cancel, check-out, release) clears both keys.
import { db, isUniqueViolation } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { emit } from '../events';
import { publish } from '../live/bus';
import { isStockStaff, type Actor } from '../logistics/access';
import { ON_SHIFT } from '$lib/shifts/status';

const MINUTE = 60_000;
/** A booking nobody checked into this long after its start is released for others. */
export const GRACE_MINUTES = 5;
/** Check-in opens this long before the slot. */
const EARLY_MINUTES = 5;
/** How far ahead people see and book slots. */
const HORIZON_HOURS = 12;

export const podsChannel = (operationId: string) => `pods:${operationId}`;

export const announcePods = (operationId: string) =>
	publish(podsChannel(operationId)).catch((error) => console.error('[pods] live notice failed', error));

export function slotStart(instant: Date, slotMinutes: number): Date {
	const size = slotMinutes * MINUTE;
	return new Date(Math.floor(instant.getTime() / size) * size);
}

const ACTIVE = ['BOOKED', 'CHECKED_IN'] as const;

/** The shifts during which a person may take a break in this operation, ending after `now`. */
async function shiftsOf(userId: string, operationId: string, now: Date) {
	return db.shift.findMany({
		where: {
			operationId,
			endsAt: { gt: now },
			startsAt: { lt: new Date(now.getTime() + HORIZON_HOURS * 60 * MINUTE) },
			assignments: { some: { userId, status: { in: [...ON_SHIFT] } } }
		},
		orderBy: { startsAt: 'asc' },
		select: {
			id: true,
			startsAt: true,
			endsAt: true,
			title: true,
			post: { select: { name: true } },
			route: { select: { name: true } }
		}
	});
}

/** Slots of a pod the person could book now, with the places left in each. */
export async function bookableSlots(userId: string, podId: string, now = new Date()) {
	const pod = await db.pod.findUnique({ where: { id: podId } });
	if (!pod || !pod.active) throw new NotFoundError('pod');
	const shifts = await shiftsOf(userId, pod.operationId, now);
	const size = pod.slotMinutes * MINUTE;
	const starts: { startsAt: Date; shiftId: string }[] = [];
	for (const shift of shifts) {
		// From the first slot still open for booking (not past its grace period) that starts within
		// the shift, to the last one that ends within it.
		const earliest = Math.max(shift.startsAt.getTime(), now.getTime() - GRACE_MINUTES * MINUTE);
		let t = slotStart(new Date(earliest), pod.slotMinutes);
		if (t.getTime() < earliest) t = new Date(t.getTime() + size);
		for (
			;
			t.getTime() + size <= shift.endsAt.getTime() && starts.length < 36;
			t = new Date(t.getTime() + size)
		) {
			if (!starts.some((slot) => slot.startsAt.getTime() === t.getTime()))
				starts.push({ startsAt: t, shiftId: shift.id });
		}
	}
	if (!starts.length) return { pod, slots: [] };
	const taken = await db.podBooking.groupBy({
		by: ['startsAt'],
		where: { podId, status: { in: [...ACTIVE] }, startsAt: { in: starts.map((slot) => slot.startsAt) } },
		_count: true
	});
	const count = new Map(taken.map((row) => [row.startsAt.getTime(), row._count]));
	return {
		pod,
		slots: starts.map((slot) => ({
			...slot,
			endsAt: new Date(slot.startsAt.getTime() + size),
			free: pod.capacity - (count.get(slot.startsAt.getTime()) ?? 0)
		}))
	};
}

export async function bookPod(actor: Actor, input: { podId: string; startsAt: Date }, now = new Date()) {
	const pod =
		typeof input.podId === 'string' ? await db.pod.findUnique({ where: { id: input.podId } }) : null;
	if (!pod || !pod.active) throw new DomainError('pod_unknown', { field: 'podId', status: 404 });
	const startsAt = input.startsAt;
	if (
		!(startsAt instanceof Date) ||
		Number.isNaN(startsAt.getTime()) ||
		slotStart(startsAt, pod.slotMinutes).getTime() !== startsAt.getTime()
	) {
		throw new DomainError('pod_slot_invalid', { field: 'startsAt' });
	}
	const endsAt = new Date(startsAt.getTime() + pod.slotMinutes * MINUTE);
	if (startsAt.getTime() + GRACE_MINUTES * MINUTE < now.getTime())
		throw new DomainError('pod_slot_past', { field: 'startsAt' });
	const shift = (await shiftsOf(actor.id, pod.operationId, now)).find(
		(candidate) => candidate.startsAt <= startsAt && candidate.endsAt >= endsAt
	);
	if (!shift) throw new ForbiddenError('pod_not_on_shift');

	const active = await db.podBooking.findMany({
		where: { podId: pod.id, startsAt, status: { in: [...ACTIVE] } },
		select: { place: true }
	});
	const taken = new Set(active.map((booking) => booking.place));
	const places = Array.from({ length: pod.capacity }, (_, i) => i + 1).sort(
		(a, b) => Number(taken.has(a)) - Number(taken.has(b))
	);
	for (const place of places) {
		try {
			const booking = await db.podBooking.create({
				data: {
					podId: pod.id,
					userId: actor.id,
					shiftId: shift.id,
					startsAt,
					endsAt,
					place,
					placeKey: `${pod.id}:${startsAt.getTime()}:${place}`,
					activeKey: actor.id
				}
			});
			await announcePods(pod.operationId);
			return booking;
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
			const mine = await db.podBooking.findUnique({ where: { activeKey: actor.id }, select: { id: true } });
			if (mine) throw new DomainError('pod_already_booked', { status: 409 });
		}
	}
	throw new DomainError('pod_full', { field: 'startsAt', status: 409 });
}

/** Ends an active booking of one of `from` as `status`, freeing its place. */
async function end(
	bookingId: string,
	actor: Actor | null,
	from: ('BOOKED' | 'CHECKED_IN')[],
	status: 'CANCELLED' | 'CHECKED_OUT',
	extra: { checkedOutAt?: Date } = {}
) {
	const booking = await db.podBooking.findUnique({
		where: { id: String(bookingId) },
		include: { pod: true }
	});
	if (!booking) throw new NotFoundError('pod_booking');
	if (actor && booking.userId !== actor.id && !isStockStaff(actor.role))
		throw new ForbiddenError('pod_not_your_booking');
	const { count } = await db.podBooking.updateMany({
		where: { id: booking.id, status: { in: from } },
		data: { status, placeKey: null, activeKey: null, endedAt: new Date(), ...extra }
	});
	if (!count) throw new DomainError('pod_booking_not_active', { status: 409 });
	await announcePods(booking.pod.operationId);
	return booking;
}

export async function cancelBooking(actor: Actor, input: { bookingId: string }) {
	return end(input.bookingId, actor, ['BOOKED'], 'CANCELLED');
}

export async function checkIn(actor: Actor, input: { bookingId: string }, now = new Date()) {
	const booking = await db.podBooking.findUnique({
		where: { id: String(input.bookingId) },
		include: { pod: true }
	});
	if (!booking) throw new NotFoundError('pod_booking');
	if (booking.userId !== actor.id && !isStockStaff(actor.role))
		throw new ForbiddenError('pod_not_your_booking');
	const opens = booking.startsAt.getTime() - EARLY_MINUTES * MINUTE;
	if (now.getTime() < opens) throw new DomainError('pod_check_in_early', { status: 409 });
	const { count } = await db.podBooking.updateMany({
		where: { id: booking.id, status: 'BOOKED' },
		data: { status: 'CHECKED_IN', checkedInAt: now }
	});
	if (!count) throw new DomainError('pod_booking_not_active', { status: 409 });
	await announcePods(booking.pod.operationId);
	return booking;
}

export async function checkOut(actor: Actor, input: { bookingId: string }, now = new Date()) {
	return end(input.bookingId, actor, ['CHECKED_IN'], 'CHECKED_OUT', { checkedOutAt: now });
}

/**
 * The background job's half: bookings nobody checked into within the grace period are released,
 * and people still checked in well after their slot are checked out. Conditional updates make it
 * safe to run in several app instances at once.
 */
export async function releaseExpired(now = new Date()) {
	const [released, closed] = await db.$transaction([
		db.podBooking.updateMany({
			where: { status: 'BOOKED', startsAt: { lt: new Date(now.getTime() - GRACE_MINUTES * MINUTE) } },
			data: { status: 'RELEASED', placeKey: null, activeKey: null, endedAt: now }
		}),
		db.podBooking.updateMany({
			where: { status: 'CHECKED_IN', endsAt: { lt: new Date(now.getTime() - GRACE_MINUTES * MINUTE) } },
			data: { status: 'CHECKED_OUT', placeKey: null, activeKey: null, endedAt: now, checkedOutAt: now }
		})
	]);
	if (released.count + closed.count > 0) {
		const operations = await db.pod.findMany({ distinct: ['operationId'], select: { operationId: true } });
		await Promise.all(operations.map((row) => announcePods(row.operationId)));
	}
	return { released: released.count, checkedOut: closed.count };
}

/** Emits "your slot starts now" once per booking; claiming the row first keeps it to once. */
export async function remindStartingSlots(now = new Date()) {
	const due = await db.podBooking.findMany({
		where: {
			status: 'BOOKED',
			remindedAt: null,
			startsAt: { lte: now, gt: new Date(now.getTime() - GRACE_MINUTES * MINUTE) }
		},
		select: { id: true },
		take: 200
	});
	let sent = 0;
	for (const { id } of due) {
		await db.$transaction(async (tx) => {
			const { count } = await tx.podBooking.updateMany({
				where: { id, remindedAt: null },
				data: { remindedAt: now }
			});
			if (!count) return;
			const booking = await tx.podBooking.findUniqueOrThrow({ where: { id }, include: { pod: true } });
			await emit(tx, 'pod.slot_starting', {
				bookingId: id,
				userId: booking.userId,
				podId: booking.podId,
				podName: booking.pod.name,
				startsAt: booking.startsAt.toISOString()
			});
			sent++;
		});
	}
	return sent;
}

/** A person's active booking, if any. */
export async function activeBookingOf(userId: string) {
	return db.podBooking.findUnique({
		where: { activeKey: userId },
		include: { pod: { select: { id: true, name: true, post: { select: { name: true } } } } }
	});
}

/** For the occupancy board: each pod now and in its next slots. */
export async function occupancyBoard(operationId: string, now = new Date(), ahead = 3) {
	const pods = await db.pod.findMany({ where: { operationId, active: true }, orderBy: { name: 'asc' } });
	const bookings = await db.podBooking.findMany({
		where: {
			podId: { in: pods.map((pod) => pod.id) },
			status: { in: [...ACTIVE] },
			startsAt: { lt: new Date(now.getTime() + (ahead + 1) * 30 * MINUTE) }
		},
		select: { podId: true, startsAt: true, endsAt: true, status: true, user: { select: { name: true } } }
	});
	return pods.map((pod) => {
		const size = pod.slotMinutes * MINUTE;
		const current = slotStart(now, pod.slotMinutes);
		const mine = bookings.filter((booking) => booking.podId === pod.id);
		// Right now: whoever is checked in (even from an earlier slot) and whoever is expected.
		const inside = mine.filter((booking) => booking.status === 'CHECKED_IN').length;
		const expected = mine.filter(
			(booking) => booking.status === 'BOOKED' && booking.startsAt.getTime() === current.getTime()
		).length;
		const next = Array.from({ length: ahead }, (_, i) => {
			const startsAt = new Date(current.getTime() + (i + 1) * size);
			const booked = mine.filter((booking) => booking.startsAt.getTime() === startsAt.getTime()).length;
			return { startsAt, booked, free: pod.capacity - booked };
		});
		return {
			id: pod.id,
			name: pod.name,
			capacity: pod.capacity,
			slot: { startsAt: current, endsAt: new Date(current.getTime() + size) },
			inside,
			expected,
			free: Math.max(0, pod.capacity - inside - expected),
			next
		};
	});
}
