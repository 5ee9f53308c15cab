// Rest pods: where they are, how many people fit, what they offer.
import { AMENITIES, parseAmenities } from '$lib/pods/amenities';
import { db, isUniqueViolation } from '../db';
import { DomainError } from '../errors';
import { requireStockStaff, type Actor } from '../logistics/access';

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

export async function createPod(
	actor: Actor,
	input: {
		operationId: string;
		name: string;
		capacity: number;
		postId?: string;
		amenities?: string[];
		slotMinutes?: number;
	}
) {
	requireStockStaff(actor);
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
		if (!post || post.operationId !== input.operationId) {
			throw new DomainError('stock_location_unknown', { field: 'postId', status: 404 });
		}
	}
	const amenities = (input.amenities ?? []).filter((key) => (AMENITIES as readonly string[]).includes(key));
	try {
		return await db.pod.create({
			data: {
				operationId: input.operationId,
				name,
				capacity: input.capacity,
				postId: input.postId || null,
				amenities: amenities.join(','),
				slotMinutes
			}
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('pod_name_taken', { field: 'name', status: 409 });
		throw error;
	}
}
