// Items (what logistics hands out, with a unit) and low-stock thresholds per item and location.
import { validShelfLife } from '$lib/logistics/lots';
import { isUnit, toSteps } from '$lib/logistics/units';
import { db, isUniqueViolation } from '../db';
import { DomainError } from '../errors';
import { requireStockStaff, type Actor } from './access';

export async function listItems(operationId: string) {
	return db.item.findMany({
		where: { operationId },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, unit: true, isMeal: true, shelfLifeHours: true }
	});
}

export async function createItem(
	actor: Actor,
	input: { operationId: string; name: string; unit: string; isMeal?: boolean; shelfLifeHours?: number | null }
) {
	requireStockStaff(actor);
	const name = input.name?.trim() ?? '';
	if (name.length < 2 || name.length > 60)
		throw new DomainError('stock_item_name_invalid', { field: 'name' });
	if (!isUnit(input.unit)) throw new DomainError('stock_unit_invalid', { field: 'unit' });
	const shelfLifeHours = input.shelfLifeHours ?? null;
	if (shelfLifeHours !== null && !validShelfLife(shelfLifeHours)) {
		throw new DomainError('stock_shelf_life_invalid', { field: 'shelfLifeHours' });
	}
	try {
		return await db.item.create({
			data: {
				operationId: input.operationId,
				name,
				unit: input.unit,
				isMeal: input.isMeal ?? false,
				shelfLifeHours
			}
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('stock_item_exists', { field: 'name', status: 409 });
		throw error;
	}
}

/** Sets (or, with a minimum of 0, removes) the level below which stock at a location is low. */
export async function setThreshold(
	actor: Actor,
	input: { operationId: string; itemId: string; postId: string; minimum: number }
) {
	requireStockStaff(actor);
	const [item, post] = await Promise.all([
		db.item.findUnique({ where: { id: String(input.itemId) } }),
		db.post.findUnique({ where: { id: String(input.postId) } })
	]);
	if (!item || item.operationId !== input.operationId) {
		throw new DomainError('stock_item_unknown', { field: 'itemId', status: 404 });
	}
	if (!post || post.operationId !== input.operationId) {
		throw new DomainError('stock_location_unknown', { field: 'postId', status: 404 });
	}
	const key = { itemId_postId: { itemId: item.id, postId: post.id } };
	if (input.minimum === 0) {
		await db.stockThreshold.deleteMany({ where: { itemId: item.id, postId: post.id } });
		return null;
	}
	const minimum = toSteps(input.minimum, item.unit);
	if (minimum === null) throw new DomainError('stock_quantity_invalid', { field: 'minimum' });
	return db.stockThreshold.upsert({
		where: key,
		create: { itemId: item.id, postId: post.id, minimum },
		update: { minimum }
	});
}

export async function listThresholds(operationId: string) {
	return db.stockThreshold.findMany({
		where: { item: { operationId } },
		orderBy: [{ item: { name: 'asc' } }, { post: { name: 'asc' } }],
		select: {
			minimum: true,
			item: { select: { id: true, name: true, unit: true } },
			post: { select: { id: true, name: true } }
		}
	});
}
