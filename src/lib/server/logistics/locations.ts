// Locations that hold stock: depots, and the posts supplies are delivered to.
import { db } from '../db';

export async function listDepots(operationId: string) {
	return db.post.findMany({
		where: { operationId, kind: 'DEPOT' },
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
}

/** Every location of the operation, depots first. */
export async function listLocations(operationId: string) {
	const posts = await db.post.findMany({
		where: { operationId },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, kind: true }
	});
	return [...posts.filter((post) => post.kind === 'DEPOT'), ...posts.filter((post) => post.kind !== 'DEPOT')];
}
