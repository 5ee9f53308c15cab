// Food that keeps hours, not days: shelf life per item, what expires in the next hours, the lot to
// hand out first, and writing off what has expired. The lots themselves are kept by the ledger
// (a use-by lot is set when stock arrives; see $lib/logistics/lots.ts); this module reads the
// balances and writes through the ledger, so every write-off is an ordinary movement.
import { isExpired, isUseByLot, oldestFirst, useByOf, validShelfLife } from '$lib/logistics/lots';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError } from '../errors';
import { requireStockStaff, type Actor } from './access';
import { moveOut } from './ledger';
import { announce } from './live';

const HOUR = 3_600_000;

/** Makes an item perishable within `hours` (a whole number), or not (null). */
export async function setShelfLife(
	actor: Actor,
	input: { operationId: string; itemId: string; hours: number | null }
) {
	requireStockStaff(actor);
	if (input.hours !== null && !validShelfLife(input.hours)) {
		throw new DomainError('stock_shelf_life_invalid', { field: 'hours' });
	}
	const { count } = await db.item.updateMany({
		where: { id: String(input.itemId), operationId: input.operationId },
		data: { shelfLifeHours: input.hours }
	});
	if (!count) throw new DomainError('stock_item_unknown', { field: 'itemId', status: 404 });
}

export interface FreshLot {
	itemId: string;
	itemName: string;
	unit: string;
	postId: string;
	postName: string;
	lot: string;
	useBy: Date;
	quantity: number;
	expired: boolean;
	/** The lot the ledger takes next for this item at this location. */
	issueFirst: boolean;
}

/**
 * Stock with a use-by time within the next `hours` (or past it), soonest first. Reads balances
 * only: a handful of rows per item and location, whatever the ledger's length.
 */
export async function expiringStock(operationId: string, now = new Date(), hours = 6): Promise<FreshLot[]> {
	const balances = await db.stockBalance.findMany({
		where: { item: { operationId, shelfLifeHours: { not: null } }, quantity: { gt: 0 } },
		select: {
			lot: true,
			quantity: true,
			item: { select: { id: true, name: true, unit: true } },
			post: { select: { id: true, name: true } }
		}
	});
	const firstLot = new Map<string, string>();
	for (const row of [...balances].sort((a, b) => oldestFirst(a.lot, b.lot))) {
		const key = `${row.item.id}:${row.post.id}`;
		if (!firstLot.has(key) && !isExpired(row.lot, now)) firstLot.set(key, row.lot);
	}
	const limit = now.getTime() + hours * HOUR;
	return balances
		.filter((row) => isUseByLot(row.lot) && useByOf(row.lot)!.getTime() <= limit)
		.map((row) => ({
			itemId: row.item.id,
			itemName: row.item.name,
			unit: row.item.unit,
			postId: row.post.id,
			postName: row.post.name,
			lot: row.lot,
			useBy: useByOf(row.lot)!,
			quantity: row.quantity,
			expired: isExpired(row.lot, now),
			issueFirst: firstLot.get(`${row.item.id}:${row.post.id}`) === row.lot
		}))
		.sort((a, b) => a.useBy.getTime() - b.useBy.getTime() || a.itemName.localeCompare(b.itemName));
}

/** The lot the ledger would hand out next: the oldest that has not expired (null: none left). */
export async function suggestedLot(itemId: string, postId: string, now = new Date()) {
	const lots = await db.stockBalance.findMany({
		where: { itemId, postId, quantity: { gt: 0 } },
		select: { lot: true }
	});
	return (
		lots
			.map((row) => row.lot)
			.filter((lot) => !isExpired(lot, now))
			.sort(oldestFirst)[0] ?? null
	);
}

/**
 * Writes off everything left of an expired lot at a location: one WASTED movement with the reason
 * given. A lot that has not expired is refused (ordinary waste is recorded as such).
 */
export async function writeOffExpired(
	actor: Actor,
	input: { operationId: string; itemId: string; postId: string; lot: string; reason: string },
	now = new Date()
) {
	requireStockStaff(actor);
	const reason = input.reason?.trim();
	if (!reason) throw new DomainError('stock_reason_required', { field: 'reason' });
	if (!isExpired(String(input.lot), now)) throw new DomainError('stock_not_expired', { status: 409 });
	const rows = await db.$transaction(async (tx) => {
		const balance = await tx.stockBalance.findFirst({
			where: {
				itemId: String(input.itemId),
				postId: String(input.postId),
				lot: input.lot,
				item: { operationId: input.operationId }
			},
			select: { quantity: true }
		});
		if (!balance || balance.quantity === 0) throw new DomainError('stock_lot_empty', { status: 404 });
		const written = await moveOut(
			tx,
			{
				operationId: input.operationId,
				itemId: input.itemId,
				quantity: balance.quantity,
				reason,
				actorId: actor.id,
				createdAt: now
			},
			'WASTED',
			input.postId,
			null,
			input.lot
		);
		await audit(tx, {
			operationId: input.operationId,
			actorId: actor.id,
			action: 'stock.written_off',
			subjectType: 'StockMovement',
			subjectId: written[0].id,
			detail: { lot: input.lot, quantity: balance.quantity, reason }
		});
		return written;
	});
	await announce(input.operationId);
	return rows;
}

/** Names the depot that meals for shifts without a post come from (null: none). */
export async function setMealDepot(actor: Actor, input: { operationId: string; postId: string | null }) {
	requireStockStaff(actor);
	const depot =
		input.postId === null
			? null
			: await db.post.findFirst({
					where: { id: String(input.postId), operationId: input.operationId, kind: 'DEPOT' },
					select: { id: true, name: true }
				});
	if (input.postId !== null && !depot) {
		throw new DomainError('stock_location_unknown', { field: 'postId', status: 404 });
	}
	await db.$transaction(async (tx) => {
		await tx.operation.update({ where: { id: input.operationId }, data: { mealDepotId: input.postId } });
		await audit(tx, {
			operationId: input.operationId,
			actorId: actor.id,
			action: 'stock.meal_depot_set',
			subjectType: 'Operation',
			subjectId: input.operationId,
			detail: { depot: depot?.name ?? null }
		});
	});
}
