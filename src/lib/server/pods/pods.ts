// Rest pods: where they are, how many people fit, what they offer.
import { AMENITIES, parseAmenities } from '$lib/pods/amenities';
import { db, isUniqueViolation } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { requireStockStaff, type Actor } from '../logistics/access';
import { announcePods } from './bookings';

export async function listPods(operationId: string) {
	const pods = await db.pod.findMany({
		where: { operationId, active: true },
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			capacity: true,
			amenities: true,
			slotMinutes: true,
			post: { select: { id: true, name: true } }
		}
	});
	return pods.map((pod) => ({ ...pod, amenities: parseAmenities(pod.amenities) }));
}

export interface PodInput {
	name: string;
	capacity: number;
	postId?: string;
	amenities?: string[];
	slotMinutes?: number;
}

/** The checked columns of a pod, from what a form sent. */
async function podData(operationId: string, input: PodInput) {
	const name = input.name?.trim() ?? '';
	if (name.length < 2 || name.length > 60) throw new DomainError('pod_name_invalid', { field: 'name' });
	if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 50) {
		throw new DomainError('pod_capacity_invalid', { field: 'capacity' });
	}
	const slotMinutes = input.slotMinutes ?? 20;
	if (![10, 15, 20, 30].includes(slotMinutes))
		throw new DomainError('pod_slot_invalid', { field: 'slotMinutes' });
	if (input.postId) {
		const post = await db.post.findUnique({ where: { id: input.postId } });
		if (!post || post.operationId !== operationId) {
			throw new DomainError('stock_location_unknown', { field: 'postId', status: 404 });
		}
	}
	const amenities = (input.amenities ?? []).filter((key) => (AMENITIES as readonly string[]).includes(key));
	return {
		name,
		capacity: input.capacity,
		postId: input.postId || null,
		amenities: amenities.join(','),
		slotMinutes
	};
}

function nameTaken(error: unknown): never {
	if (isUniqueViolation(error)) throw new DomainError('pod_name_taken', { field: 'name', status: 409 });
	throw error;
}

export async function createPod(actor: Actor, input: PodInput & { operationId: string }) {
	requireStockStaff(actor);
	const data = await podData(input.operationId, input);
	return db.pod.create({ data: { operationId: input.operationId, ...data } }).catch(nameTaken);
}

/** An open pod of the operation, for the people who run pods. */
export async function podToEdit(actor: Actor, operationId: string, podId: string) {
	requireStockStaff(actor);
	const pod = await db.pod.findUnique({ where: { id: String(podId) } });
	if (!pod || !pod.active || pod.operationId !== operationId) throw new NotFoundError('pod');
	return { ...pod, amenities: parseAmenities(pod.amenities) };
}

const BOOKED_AHEAD = (podId: string, now: Date) => ({
	podId,
	status: { in: ['BOOKED', 'CHECKED_IN'] as ('BOOKED' | 'CHECKED_IN')[] },
	endsAt: { gt: now }
});

/**
 * Changes a pod. Fewer places leave bookings already made in place (people were promised them);
 * the slot length cannot change while slots are booked, since bookings are aligned to it.
 */
export async function updatePod(
	actor: Actor,
	operationId: string,
	podId: string,
	input: PodInput,
	now = new Date()
) {
	const pod = await podToEdit(actor, operationId, podId);
	const data = await podData(operationId, input);
	if (
		data.slotMinutes !== pod.slotMinutes &&
		(await db.podBooking.count({ where: BOOKED_AHEAD(pod.id, now) }))
	) {
		throw new DomainError('pod_slot_in_use', { field: 'slotMinutes', status: 409 });
	}
	const updated = await db.pod.update({ where: { id: pod.id }, data }).catch(nameTaken);
	await announcePods(operationId);
	return updated;
}

/** Closes a pod for good: refused while someone is inside; bookings still to come are cancelled. */
export async function closePod(actor: Actor, operationId: string, podId: string, now = new Date()) {
	const pod = await podToEdit(actor, operationId, podId);
	const cancelled = await db.$transaction(async (tx) => {
		const inside = await tx.podBooking.count({ where: { podId: pod.id, status: 'CHECKED_IN' } });
		if (inside) throw new DomainError('pod_occupied', { status: 409, params: { count: inside } });
		const { count } = await tx.podBooking.updateMany({
			where: { ...BOOKED_AHEAD(pod.id, now), status: 'BOOKED' },
			data: { status: 'CANCELLED', placeKey: null, activeKey: null, endedAt: now }
		});
		await tx.pod.update({ where: { id: pod.id }, data: { active: false } });
		return count;
	});
	await announcePods(operationId);
	return { name: pod.name, cancelled };
}
