import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeUser } from '$test/factories';
import { balanceOf, ledgerSum, makeItem, makePost } from '$test/logistics-factories';
import { correctMovement, moveStock } from './ledger';
import { nearingBestBefore, stockOverview } from './overview';
import { setThreshold } from './items';

async function depotWith(quantity: number, unit = 'BOTTLE') {
	const operation = await makeOperation();
	const staff = await makeUser({ role: 'LOGISTICS' });
	const depot = await makePost(operation.id, 'DEPOT');
	const gate = await makePost(operation.id, 'GATE');
	const item = await makeItem(operation.id, unit);
	if (quantity) {
		await moveStock(staff, {
			kind: 'RECEIVED',
			operationId: operation.id,
			itemId: item.id,
			toPostId: depot.id,
			quantity
		});
	}
	return { operation, staff, depot, gate, item };
}

const ledgerRows = (itemId: string) => db.stockMovement.count({ where: { itemId } });

describe(`the stock ledger on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('lets exactly 10 of 50 simultaneous issues of 10 through a stock of 100', async () => {
		const { operation, staff, depot, item } = await depotWith(100);
		const results = await Promise.allSettled(
			Array.from({ length: 50 }, () =>
				moveStock(staff, {
					kind: 'ISSUED',
					operationId: operation.id,
					itemId: item.id,
					fromPostId: depot.id,
					quantity: 10
				})
			)
		);
		const accepted = results.filter((result) => result.status === 'fulfilled');
		const refused = results.filter((result) => result.status === 'rejected');
		expect(accepted).toHaveLength(10);
		for (const result of refused) {
			expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'stock_insufficient' });
		}
		expect(await balanceOf(item.id, depot.id)).toBe(0);
		expect(await ledgerSum(item.id, depot.id)).toBe(0);
		expect(await db.stockMovement.count({ where: { itemId: item.id, kind: 'ISSUED' } })).toBe(10);
	});

	it('keeps balances equal to the ledger through transfers, waste and adjustments', async () => {
		const { operation, staff, depot, gate, item } = await depotWith(50);
		const base = { operationId: operation.id, itemId: item.id };
		await moveStock(staff, {
			...base,
			kind: 'TRANSFER',
			fromPostId: depot.id,
			toPostId: gate.id,
			quantity: 20
		});
		await moveStock(staff, { ...base, kind: 'ISSUED', fromPostId: gate.id, quantity: 7 });
		await moveStock(staff, { ...base, kind: 'WASTED', fromPostId: depot.id, quantity: 3, reason: 'Crushed' });
		await moveStock(staff, {
			...base,
			kind: 'ADJUSTED',
			postId: depot.id,
			direction: 'UP',
			quantity: 2,
			reason: 'Recount'
		});
		expect(await balanceOf(item.id, depot.id)).toBe(29);
		expect(await balanceOf(item.id, gate.id)).toBe(13);
		for (const post of [depot, gate])
			expect(await ledgerSum(item.id, post.id)).toBe(await balanceOf(item.id, post.id));
	});

	it('issues the soonest best-before first and carries dates through transfers', async () => {
		const { operation, staff, depot, gate, item } = await depotWith(0, 'KG');
		const base = { operationId: operation.id, itemId: item.id };
		await moveStock(staff, {
			...base,
			kind: 'RECEIVED',
			toPostId: depot.id,
			quantity: 5,
			bestBefore: '2026-12-09'
		});
		await moveStock(staff, {
			...base,
			kind: 'RECEIVED',
			toPostId: depot.id,
			quantity: 2.5,
			bestBefore: '2026-12-02'
		});
		await moveStock(staff, { ...base, kind: 'RECEIVED', toPostId: depot.id, quantity: 1 });

		const moved = await moveStock(staff, {
			...base,
			kind: 'TRANSFER',
			fromPostId: depot.id,
			toPostId: gate.id,
			quantity: 3
		});
		expect(moved.map((row) => [row.lot, row.quantity])).toEqual([
			['2026-12-02', 25],
			['2026-12-09', 5]
		]);
		const soon = await nearingBestBefore(operation.id, '2026-12-01', 10);
		expect(soon.map((row) => [row.lot, row.post.id, row.quantity])).toEqual([
			['2026-12-02', gate.id, 25],
			['2026-12-09', depot.id, 45],
			['2026-12-09', gate.id, 5]
		]);
		expect((await nearingBestBefore(operation.id, '2026-12-03', 1))[0]).toMatchObject({
			lot: '2026-12-02',
			expired: true
		});
	});

	it('refuses bad input with a clear error and writes nothing', async () => {
		const { operation, staff, depot, gate, item } = await depotWith(30);
		const other = await makeOperation();
		const foreignPost = await makePost(other.id, 'DEPOT');
		const base = { operationId: operation.id, itemId: item.id };
		const before = await ledgerRows(item.id);
		const cases: [Parameters<typeof moveStock>[1], string, string][] = [
			[{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: -5 }, 'stock_quantity_invalid', 'quantity'],
			[
				{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: Number('ten') },
				'stock_quantity_invalid',
				'quantity'
			],
			[
				{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: '12' as unknown as number },
				'stock_quantity_invalid',
				'quantity'
			],
			[
				{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: 1.5 },
				'stock_quantity_invalid',
				'quantity'
			],
			[
				{ ...base, itemId: 'no-such-item', kind: 'ISSUED', fromPostId: depot.id, quantity: 1 },
				'stock_item_unknown',
				'itemId'
			],
			[
				{ ...base, kind: 'ISSUED', fromPostId: 'nowhere', quantity: 1 },
				'stock_location_unknown',
				'fromPostId'
			],
			[
				{ ...base, kind: 'TRANSFER', fromPostId: depot.id, toPostId: foreignPost.id, quantity: 1 },
				'stock_location_unknown',
				'toPostId'
			],
			[
				{ ...base, kind: 'TRANSFER', fromPostId: depot.id, toPostId: depot.id, quantity: 1 },
				'stock_same_location',
				'toPostId'
			],
			[{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: 31 }, 'stock_insufficient', 'quantity'],
			[{ ...base, kind: 'ISSUED', fromPostId: gate.id, quantity: 1 }, 'stock_insufficient', 'quantity'],
			[
				{ ...base, kind: 'WASTED', fromPostId: depot.id, quantity: 1, reason: ' ' },
				'stock_reason_required',
				'reason'
			],
			[
				{ ...base, kind: 'ADJUSTED', postId: depot.id, direction: 'UP', quantity: 1 },
				'stock_reason_required',
				'reason'
			],
			[
				{ ...base, kind: 'RECEIVED', toPostId: depot.id, quantity: 1, bestBefore: '2026-02-30' },
				'stock_best_before_invalid',
				'bestBefore'
			]
		];
		for (const [input, code, field] of cases) {
			await expect(moveStock(staff, input), code).rejects.toMatchObject({ code, options: { field } });
		}
		await expect(
			moveStock(staff, { ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: 31 })
		).rejects.toMatchObject({
			options: { params: { available: 30 } }
		});
		expect(await ledgerRows(item.id)).toBe(before);
		expect(await balanceOf(item.id, depot.id)).toBe(30);
		expect(await balanceOf(item.id, gate.id)).toBe(0);
	});

	it('lets only logistics staff and organizers move stock', async () => {
		const { operation, depot, item } = await depotWith(10);
		for (const role of ['LOGISTICS', 'ORGANIZER', 'ADMIN'] as const) {
			const person = await makeUser({ role });
			await moveStock(person, {
				kind: 'ISSUED',
				operationId: operation.id,
				itemId: item.id,
				fromPostId: depot.id,
				quantity: 1
			});
		}
		const volunteer = await makeUser();
		await expect(
			moveStock(volunteer, {
				kind: 'ISSUED',
				operationId: operation.id,
				itemId: item.id,
				fromPostId: depot.id,
				quantity: 1
			})
		).rejects.toMatchObject({ code: 'stock_forbidden', status: 403 });
		expect(await balanceOf(item.id, depot.id)).toBe(7);
	});

	it('corrects a movement with its mirror image, once', async () => {
		const { operation, staff, depot, gate, item } = await depotWith(40);
		const [wrong] = await moveStock(staff, {
			kind: 'TRANSFER',
			operationId: operation.id,
			itemId: item.id,
			fromPostId: depot.id,
			toPostId: gate.id,
			quantity: 12
		});
		await expect(correctMovement(staff, { movementId: wrong.id, reason: '' })).rejects.toMatchObject({
			code: 'stock_reason_required'
		});
		const fix = await correctMovement(staff, { movementId: wrong.id, reason: 'Went to the wrong gate' });
		expect(fix).toMatchObject({
			fromPostId: gate.id,
			toPostId: depot.id,
			quantity: 12,
			correctsId: wrong.id
		});
		expect(await balanceOf(item.id, depot.id)).toBe(40);
		expect(await balanceOf(item.id, gate.id)).toBe(0);
		const twice = await Promise.allSettled([
			correctMovement(staff, { movementId: wrong.id, reason: 'again' }),
			correctMovement(staff, { movementId: wrong.id, reason: 'again' })
		]);
		expect(twice.every((result) => result.status === 'rejected')).toBe(true);
		expect(await balanceOf(item.id, depot.id)).toBe(40);
	});

	it('alerts logistics once when stock falls below its threshold and shows it as low', async () => {
		const { operation, staff, depot, item } = await depotWith(100);
		await setThreshold(staff, { operationId: operation.id, itemId: item.id, postId: depot.id, minimum: 50 });
		const issue = (quantity: number) =>
			moveStock(staff, {
				kind: 'ISSUED',
				operationId: operation.id,
				itemId: item.id,
				fromPostId: depot.id,
				quantity
			});
		await issue(40);
		const alerts = () =>
			db.outboxEvent.findMany({ where: { topic: 'logistics.low_stock', payload: { contains: item.id } } });
		expect(await alerts()).toHaveLength(0);
		await issue(20);
		await issue(5);
		const sent = await alerts();
		expect(sent).toHaveLength(1);
		expect(JSON.parse(sent[0].payload)).toMatchObject({ postId: depot.id, quantity: 40, minimum: 50 });
		const overview = await stockOverview(operation.id);
		expect(overview.low).toEqual([
			expect.objectContaining({ itemId: item.id, postId: depot.id, quantity: 35 })
		]);
	});
});
