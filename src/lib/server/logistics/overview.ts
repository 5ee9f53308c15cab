// What is where: balances per item and location, what is low, what is about to expire. These read
// the balances, never the ledger, so they cost the same after ten movements or a million.
import { db } from '../db';

export async function stockOverview(operationId: string) {
	const [items, locations, balances, thresholds, inTransit] = await Promise.all([
		db.item.findMany({
			where: { operationId },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, unit: true }
		}),
		db.post.findMany({
			where: { operationId },
			orderBy: [{ kind: 'asc' }, { name: 'asc' }],
			select: { id: true, name: true, kind: true }
		}),
		db.stockBalance.groupBy({
			by: ['itemId', 'postId'],
			where: { item: { operationId } },
			_sum: { quantity: true }
		}),
		db.stockThreshold.findMany({ where: { item: { operationId } } }),
		transitQuantities(operationId)
	]);
	const key = (itemId: string, postId: string) => `${itemId}:${postId}`;
	const quantity = new Map(balances.map((b) => [key(b.itemId, b.postId), b._sum.quantity ?? 0]));
	const minimum = new Map(thresholds.map((t) => [key(t.itemId, t.postId), t.minimum]));
	// Depots first: that is where people look for stock.
	const ordered = [
		...locations.filter((l) => l.kind === 'DEPOT'),
		...locations.filter((l) => l.kind !== 'DEPOT')
	];
	const rows = items.map((item) => {
		const cells = ordered.map((location) => {
			const k = key(item.id, location.id);
			const min = minimum.get(k) ?? null;
			const qty = quantity.get(k) ?? 0;
			return { postId: location.id, quantity: qty, minimum: min, low: min !== null && qty < min };
		});
		return {
			...item,
			cells,
			total: cells.reduce((sum, cell) => sum + cell.quantity, 0),
			inTransit: inTransit.get(item.id) ?? 0
		};
	});
	const low = rows.flatMap((row) =>
		row.cells
			.filter((cell) => cell.low)
			.map((cell) => ({
				itemId: row.id,
				itemName: row.name,
				unit: row.unit,
				postId: cell.postId,
				postName: ordered.find((l) => l.id === cell.postId)!.name,
				quantity: cell.quantity,
				minimum: cell.minimum!
			}))
	);
	return { locations: ordered, rows, low };
}

/** Picked for a request and not yet delivered: on a cart, in no location. */
async function transitQuantities(operationId: string): Promise<Map<string, number>> {
	// Picked requests are few; starting from them keeps this off the (large) ledger's other rows.
	const picked = await db.supplyRequest.findMany({
		where: { operationId, status: 'PICKED' },
		select: { id: true }
	});
	const transit = new Map<string, number>();
	if (!picked.length) return transit;
	const moves = await db.stockMovement.groupBy({
		by: ['itemId', 'fromPostId', 'toPostId'],
		where: { requestId: { in: picked.map((request) => request.id) } },
		_sum: { quantity: true }
	});
	for (const move of moves) {
		const sign = move.fromPostId ? 1 : move.toPostId ? -1 : 0;
		transit.set(move.itemId, (transit.get(move.itemId) ?? 0) + sign * (move._sum.quantity ?? 0));
	}
	return transit;
}

/** Dated stock whose best-before falls within `days` of `today` (or has passed), oldest first. */
export async function nearingBestBefore(operationId: string, today: string, days = 3) {
	const limit = new Date(`${today}T00:00:00Z`);
	limit.setUTCDate(limit.getUTCDate() + days);
	const rows = await db.stockBalance.findMany({
		where: {
			item: { operationId },
			quantity: { gt: 0 },
			lot: { not: '', lte: limit.toISOString().slice(0, 10) },
			// Use-by times of food that keeps hours have their own list (fresh.ts).
			NOT: { lot: { contains: 'T' } }
		},
		orderBy: [{ lot: 'asc' }, { item: { name: 'asc' } }],
		select: {
			lot: true,
			quantity: true,
			item: { select: { id: true, name: true, unit: true } },
			post: { select: { id: true, name: true } }
		}
	});
	return rows.map((row) => ({ ...row, expired: row.lot < today }));
}

export async function recentMovements(operationId: string, take = 50) {
	return db.stockMovement.findMany({
		where: { operationId },
		orderBy: { createdAt: 'desc' },
		take,
		select: {
			id: true,
			kind: true,
			quantity: true,
			lot: true,
			reason: true,
			supplier: true,
			createdAt: true,
			requestId: true,
			correctsId: true,
			item: { select: { name: true, unit: true } },
			fromPost: { select: { name: true } },
			toPost: { select: { name: true } },
			actor: { select: { name: true } },
			correctedBy: { select: { id: true } }
		}
	});
}
