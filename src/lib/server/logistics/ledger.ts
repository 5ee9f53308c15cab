// The stock ledger. Every change of stock is a new StockMovement row, written in the same
// transaction as the balances it changes; rows are never updated or deleted.
//
// Balances are kept per item, location and lot (best-before date, or use-by time for items that
// keep only hours: see $lib/logistics/lots.ts). Taking stock is a conditional
// UPDATE ("... SET quantity = quantity - n WHERE quantity >= n") whose row count says whether it
// happened, so two requests can never both take the last ten bottles, on SQLite or PostgreSQL,
// whatever the isolation level. Adding stock is one INSERT ... ON CONFLICT DO UPDATE.
import { isExpired, lotForShelfLife, oldestFirst } from '$lib/logistics/lots';
import { fromSteps, toSteps } from '$lib/logistics/units';
import { audit } from '../audit';
import { db, isUniqueViolation, type MovementKind, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { emit } from '../events';
import { requireStockStaff, type Actor } from './access';
import { announce } from './live';

export interface LotQuantity {
	lot: string;
	quantity: number;
}

/** Dated lots first, soonest best-before (or use-by) first; undated stock last. */
const fefo = (a: LotQuantity, b: LotQuantity) => oldestFirst(a.lot, b.lot);

export async function addStock(tx: Tx, itemId: string, postId: string, lot: string, quantity: number) {
	await tx.$executeRaw`
		INSERT INTO "StockBalance" ("itemId", "postId", "lot", "quantity")
		VALUES (${itemId}, ${postId}, ${lot}, ${quantity})
		ON CONFLICT ("itemId", "postId", "lot")
		DO UPDATE SET "quantity" = "StockBalance"."quantity" + excluded."quantity"`;
}

/**
 * Takes `quantity` steps of an item from a location, soonest best-before first, and says which
 * lots it took. Throws stock_insufficient (and the caller's transaction rolls back) when the
 * location does not hold that much. Lots past their use-by time are never chosen (stock_expired
 * when only they could have covered it); naming `onlyLot` takes that lot even so, for a write-off
 * or a correction.
 */
export async function takeStock(
	tx: Tx,
	itemId: string,
	postId: string,
	quantity: number,
	onlyLot?: string,
	now = new Date()
): Promise<LotQuantity[]> {
	const taken: LotQuantity[] = [];
	let remaining = quantity;
	// Another transaction may empty a lot between our read and our update; the update then
	// changes nothing and we read again. Each round either takes something or sees less stock.
	for (let round = 0; round < 20 && remaining > 0; round++) {
		const held = await tx.stockBalance.findMany({
			where: { itemId, postId, quantity: { gt: 0 }, ...(onlyLot === undefined ? {} : { lot: onlyLot }) },
			select: { lot: true, quantity: true }
		});
		const lots = (onlyLot === undefined ? held.filter((lot) => !isExpired(lot.lot, now)) : held).sort(fefo);
		const available = lots.reduce((sum, lot) => sum + lot.quantity, 0);
		if (available < remaining) {
			const item = await tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { unit: true } });
			const expired = held.length > lots.length;
			throw new DomainError(expired ? 'stock_expired' : 'stock_insufficient', {
				field: 'quantity',
				status: 409,
				params: { available: fromSteps(available, item.unit) }
			});
		}
		for (const lot of lots) {
			const take = Math.min(remaining, lot.quantity);
			const { count } = await tx.stockBalance.updateMany({
				where: { itemId, postId, lot: lot.lot, quantity: { gte: take } },
				data: { quantity: { decrement: take } }
			});
			if (count === 0) break;
			taken.push({ lot: lot.lot, quantity: take });
			remaining -= take;
			if (remaining === 0) break;
		}
	}
	if (remaining > 0) throw new DomainError('stock_busy', { status: 409 });
	return merge(taken);
}

function merge(lots: LotQuantity[]): LotQuantity[] {
	const byLot = new Map<string, number>();
	for (const { lot, quantity } of lots) byLot.set(lot, (byLot.get(lot) ?? 0) + quantity);
	return [...byLot].map(([lot, quantity]) => ({ lot, quantity }));
}

export async function totalAt(tx: Tx, itemId: string, postId: string): Promise<number> {
	const sum = await tx.stockBalance.aggregate({ where: { itemId, postId }, _sum: { quantity: true } });
	return sum._sum.quantity ?? 0;
}

/** Alerts logistics staff when stock at a location has just fallen below its threshold. */
export async function checkThreshold(
	tx: Tx,
	operationId: string,
	itemId: string,
	postId: string,
	taken: number
) {
	const threshold = await tx.stockThreshold.findUnique({ where: { itemId_postId: { itemId, postId } } });
	if (!threshold) return;
	const after = await totalAt(tx, itemId, postId);
	if (after < threshold.minimum && after + taken >= threshold.minimum) {
		await emit(tx, 'logistics.low_stock', {
			operationId,
			itemId,
			postId,
			quantity: after,
			minimum: threshold.minimum
		});
	}
}

export type MovementInput = {
	operationId: string;
	itemId: string;
	/** In the item's unit, as typed: 2.5 (kg), 40 (bottles). */
	quantity: number;
	reason?: string;
} & (
	| { kind: 'RECEIVED'; toPostId: string; bestBefore?: string; supplier?: string }
	| { kind: 'TRANSFER'; fromPostId: string; toPostId: string }
	| { kind: 'ISSUED'; fromPostId: string }
	| { kind: 'WASTED'; fromPostId: string }
	| { kind: 'ADJUSTED'; postId: string; direction: 'UP' | 'DOWN'; bestBefore?: string }
);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validLot(bestBefore: string | undefined): string {
	if (!bestBefore) return '';
	const date = new Date(`${bestBefore}T00:00:00Z`);
	if (
		!DATE.test(bestBefore) ||
		Number.isNaN(date.getTime()) ||
		date.toISOString().slice(0, 10) !== bestBefore
	) {
		throw new DomainError('stock_best_before_invalid', { field: 'bestBefore' });
	}
	return bestBefore;
}

async function itemIn(tx: Tx, operationId: string, itemId: string) {
	const item = typeof itemId === 'string' ? await tx.item.findUnique({ where: { id: itemId } }) : null;
	if (!item || item.operationId !== operationId) {
		throw new DomainError('stock_item_unknown', { field: 'itemId', status: 404 });
	}
	return item;
}

async function locationIn(tx: Tx, operationId: string, postId: string, field: string) {
	const post =
		typeof postId === 'string' && postId
			? await tx.post.findUnique({ where: { id: postId }, select: { id: true, operationId: true } })
			: null;
	if (!post || post.operationId !== operationId) {
		throw new DomainError('stock_location_unknown', { field, status: 404 });
	}
	return post.id;
}

/**
 * Records one movement of the ledger and moves the balances with it; all or nothing. Returns the
 * ledger rows written (one per best-before lot the stock came from). Without a `client`
 * transaction it is its own, and tells open boards once it is committed (a caller passing its
 * transaction announces its own change).
 */
export async function moveStock(actor: Actor, input: MovementInput, client?: Tx, now = new Date()) {
	requireStockStaff(actor);
	const work = async (tx: Tx) => {
		const item = await itemIn(tx, input.operationId, input.itemId);
		const steps = toSteps(input.quantity, item.unit);
		if (steps === null) throw new DomainError('stock_quantity_invalid', { field: 'quantity' });
		const reason = input.reason?.trim() || null;
		const base = {
			operationId: input.operationId,
			itemId: item.id,
			quantity: steps,
			reason,
			actorId: actor.id,
			createdAt: now
		};
		// Stock that keeps only hours gets its use-by time when it arrives; a date typed for it
		// would say less than that.
		const arrivingLot = (bestBefore: string | undefined) =>
			item.shelfLifeHours ? lotForShelfLife(now, item.shelfLifeHours) : validLot(bestBefore);

		switch (input.kind) {
			case 'RECEIVED': {
				const to = await locationIn(tx, input.operationId, input.toPostId, 'toPostId');
				const lot = arrivingLot(input.bestBefore);
				await addStock(tx, item.id, to, lot, steps);
				return [
					await tx.stockMovement.create({
						data: { ...base, kind: 'RECEIVED', toPostId: to, lot, supplier: input.supplier?.trim() || null }
					})
				];
			}
			case 'TRANSFER': {
				const from = await locationIn(tx, input.operationId, input.fromPostId, 'fromPostId');
				const to = await locationIn(tx, input.operationId, input.toPostId, 'toPostId');
				if (from === to) throw new DomainError('stock_same_location', { field: 'toPostId' });
				return moveOut(tx, base, 'TRANSFER', from, to);
			}
			case 'ISSUED':
			case 'WASTED': {
				const from = await locationIn(tx, input.operationId, input.fromPostId, 'fromPostId');
				if (input.kind === 'WASTED' && !reason)
					throw new DomainError('stock_reason_required', { field: 'reason' });
				return moveOut(tx, base, input.kind, from, null);
			}
			case 'ADJUSTED': {
				const at = await locationIn(tx, input.operationId, input.postId, 'postId');
				if (!reason) throw new DomainError('stock_reason_required', { field: 'reason' });
				if (input.direction === 'DOWN') return moveOut(tx, base, 'ADJUSTED', at, null);
				const lot = arrivingLot(input.bestBefore);
				await addStock(tx, item.id, at, lot, steps);
				return [await tx.stockMovement.create({ data: { ...base, kind: 'ADJUSTED', toPostId: at, lot } })];
			}
			default:
				throw new DomainError('stock_kind_invalid', { field: 'kind' });
		}
	};
	if (client) return work(client);
	const rows = await db.$transaction(work);
	await announce(input.operationId);
	return rows;
}

type MovementBase = {
	operationId: string;
	itemId: string;
	quantity: number;
	reason: string | null;
	actorId: string | null;
	requestId?: string;
	correctsId?: string;
	mealServingId?: string;
	createdAt?: Date;
};

/**
 * Takes stock from `from` (and puts it at `to`, lot by lot), writing one ledger row per lot;
 * oldest usable lot first, or only `onlyLot` when it is named.
 */
export async function moveOut(
	tx: Tx,
	base: MovementBase,
	kind: MovementKind,
	from: string,
	to: string | null,
	onlyLot?: string
) {
	const lots = await takeStock(tx, base.itemId, from, base.quantity, onlyLot, base.createdAt);
	const rows = [];
	for (const { lot, quantity } of lots) {
		if (to) await addStock(tx, base.itemId, to, lot, quantity);
		rows.push(
			await tx.stockMovement.create({
				data: { ...base, quantity, kind, fromPostId: from, toPostId: to, lot }
			})
		);
	}
	await checkThreshold(tx, base.operationId, base.itemId, from, base.quantity);
	return rows;
}

/**
 * Corrects a mistaken movement with its mirror image: what arrived leaves again, what left comes
 * back (to the same best-before lot). The original stays in the ledger, marked as corrected.
 */
/** `operationId`, when given, must be the movement's (a staff screen works on one operation). */
export async function correctMovement(
	actor: Actor,
	input: { movementId: string; reason: string; operationId?: string }
) {
	requireStockStaff(actor);
	const reason = input.reason?.trim();
	if (!reason) throw new DomainError('stock_reason_required', { field: 'reason' });
	const correct = db.$transaction(async (tx) => {
		const original = await tx.stockMovement.findFirst({
			where: { id: input.movementId, ...(input.operationId ? { operationId: input.operationId } : {}) }
		});
		if (!original) throw new NotFoundError('stock_movement');
		if (original.correctsId) throw new DomainError('stock_correction_of_correction', { status: 409 });
		if (original.requestId) throw new DomainError('stock_correct_via_request', { status: 409 });
		const base = {
			operationId: original.operationId,
			itemId: original.itemId,
			quantity: original.quantity,
			reason,
			actorId: actor.id,
			correctsId: original.id,
			lot: original.lot
		};
		// Stock that arrived somewhere must still be there to be taken back.
		if (original.toPostId) {
			await takeStock(tx, original.itemId, original.toPostId, original.quantity, original.lot);
			await checkThreshold(tx, original.operationId, original.itemId, original.toPostId, original.quantity);
		}
		if (original.fromPostId)
			await addStock(tx, original.itemId, original.fromPostId, original.lot, original.quantity);
		const correction = await tx.stockMovement.create({
			data: {
				...base,
				kind: original.kind,
				fromPostId: original.toPostId,
				toPostId: original.fromPostId
			}
		});
		await audit(tx, {
			operationId: original.operationId,
			actorId: actor.id,
			action: 'stock.corrected',
			subjectType: 'StockMovement',
			subjectId: original.id,
			detail: { reason, quantity: original.quantity, itemId: original.itemId }
		});
		return correction;
	});
	// The unique index on correctsId settles two corrections made at once.
	const correction = await correct.catch((error) => {
		if (isUniqueViolation(error)) throw new DomainError('stock_already_corrected', { status: 409 });
		throw error;
	});
	await announce(correction.operationId);
	return correction;
}
