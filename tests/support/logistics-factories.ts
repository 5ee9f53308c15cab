// Test data for supplies and rest pods.
import { db, type PostKind } from '$lib/server/db';
import { unique } from './factories';

export async function makePost(operationId: string, kind: PostKind = 'GATE', name = unique(`${kind} `)) {
	return db.post.create({ data: { operationId, name, kind } });
}

export async function makeItem(operationId: string, unit = 'BOTTLE', name = unique('Item ')) {
	return db.item.create({ data: { operationId, name, unit } });
}

/** Sum of the ledger at a location: what arrived minus what left, in steps. */
export async function ledgerSum(itemId: string, postId: string) {
	const [into, out] = await Promise.all([
		db.stockMovement.aggregate({ where: { itemId, toPostId: postId }, _sum: { quantity: true } }),
		db.stockMovement.aggregate({ where: { itemId, fromPostId: postId }, _sum: { quantity: true } })
	]);
	return (into._sum.quantity ?? 0) - (out._sum.quantity ?? 0);
}

export async function balanceOf(itemId: string, postId: string) {
	const sum = await db.stockBalance.aggregate({ where: { itemId, postId }, _sum: { quantity: true } });
	return sum._sum.quantity ?? 0;
}

export async function makePod(operationId: string, capacity = 2, slotMinutes = 20) {
	return db.pod.create({
		data: { operationId, name: unique('Pod '), capacity, slotMinutes, amenities: 'RECLINER' }
	});
}
