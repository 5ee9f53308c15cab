import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeUser } from '$test/factories';
import { balanceOf, ledgerSum, makeItem, makePost } from '$test/logistics-factories';
import { expiringStock, setShelfLife, suggestedLot, writeOffExpired } from './fresh';
import { moveStock } from './ledger';

const HOUR = 3_600_000;
const T0 = new Date('2026-12-04T02:00:00Z'); // 10:00 in Shanghai

async function freshScene() {
	const operation = await makeOperation();
	const staff = await makeUser({ role: 'LOGISTICS' });
	const depot = await makePost(operation.id, 'DEPOT');
	const gate = await makePost(operation.id, 'GATE');
	const fruit = await makeItem(operation.id, 'KG', 'Cut fruit');
	await setShelfLife(staff, { operationId: operation.id, itemId: fruit.id, hours: 4 });
	const receive = (quantity: number, at: Date) =>
		moveStock(
			staff,
			{ kind: 'RECEIVED', operationId: operation.id, itemId: fruit.id, toPostId: depot.id, quantity },
			undefined,
			at
		);
	return { operation, staff, depot, gate, fruit, receive };
}

describe(`food that keeps hours on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('gives each lot received a use-by time from the item’s shelf life, whatever date is typed', async () => {
		const { operation, staff, depot, fruit } = await freshScene();
		const [row] = await moveStock(
			staff,
			{
				kind: 'RECEIVED',
				operationId: operation.id,
				itemId: fruit.id,
				toPostId: depot.id,
				quantity: 3,
				bestBefore: '2027-01-01'
			},
			undefined,
			T0
		);
		// Received at 02:00 UTC with four hours of shelf life: use by 06:00 UTC.
		expect(row.lot).toBe('2026-12-04T06:00Z');
		expect(row.createdAt.toISOString()).toBe(T0.toISOString());
	});

	it('issues the oldest lot first, suggests it, and never issues an expired one', async () => {
		const { operation, staff, depot, fruit, receive } = await freshScene();
		await receive(2, T0); // use by 06:00
		await receive(5, new Date(T0.getTime() + 2 * HOUR)); // use by 08:00
		const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
		expect(await suggestedLot(fruit.id, depot.id, at(3))).toBe('2026-12-04T06:00Z');

		const issue = (quantity: number, when: Date) =>
			moveStock(
				staff,
				{ kind: 'ISSUED', operationId: operation.id, itemId: fruit.id, fromPostId: depot.id, quantity },
				undefined,
				when
			);
		const first = await issue(1, at(3));
		expect(first.map((row) => [row.lot, row.quantity])).toEqual([['2026-12-04T06:00Z', 10]]);

		// At 06:30 the first lot (1 kg left) has expired: 5 kg usable, and only the 08:00 lot is taken.
		expect(await suggestedLot(fruit.id, depot.id, at(4.5))).toBe('2026-12-04T08:00Z');
		const later = await issue(4, at(4.5));
		expect(later.map((row) => [row.lot, row.quantity])).toEqual([['2026-12-04T08:00Z', 40]]);
		await expect(issue(1.5, at(4.5))).rejects.toMatchObject({
			code: 'stock_expired',
			options: { params: { available: 1 } }
		});
		expect(await balanceOf(fruit.id, depot.id)).toBe(20);
	});

	it('lists what expires in the next hours, soonest first, with the lot to issue first', async () => {
		const { gate, depot, fruit, receive, staff, operation } = await freshScene();
		await receive(2, T0); // 06:00
		await receive(3, new Date(T0.getTime() + HOUR)); // 07:00
		await receive(4, new Date(T0.getTime() + 5 * HOUR)); // 11:00, beyond the window
		await moveStock(
			staff,
			{
				kind: 'TRANSFER',
				operationId: operation.id,
				itemId: fruit.id,
				fromPostId: depot.id,
				toPostId: gate.id,
				quantity: 1
			},
			undefined,
			new Date(T0.getTime() + 90 * 60_000)
		);
		const now = new Date(T0.getTime() + 4.5 * HOUR); // 06:30
		const soon = await expiringStock(operation.id, now, 2);
		expect(soon.map((lot) => [lot.postId, lot.lot, lot.quantity, lot.expired, lot.issueFirst])).toEqual([
			[depot.id, '2026-12-04T06:00Z', 10, true, false],
			[gate.id, '2026-12-04T06:00Z', 10, true, false],
			[depot.id, '2026-12-04T07:00Z', 30, false, true]
		]);
	});

	it('writes off an expired lot as a WASTED movement with its reason, and refuses a fresh one', async () => {
		const { operation, staff, depot, fruit, receive } = await freshScene();
		await receive(2, T0); // 06:00
		await receive(3, new Date(T0.getTime() + 3 * HOUR)); // 09:00
		const now = new Date(T0.getTime() + 5 * HOUR); // 07:00
		const input = { operationId: operation.id, itemId: fruit.id, postId: depot.id, reason: 'Past use-by' };
		await expect(writeOffExpired(staff, { ...input, lot: '2026-12-04T09:00Z' }, now)).rejects.toMatchObject({
			code: 'stock_not_expired'
		});
		await expect(
			writeOffExpired(staff, { ...input, lot: '2026-12-04T06:00Z', reason: ' ' }, now)
		).rejects.toMatchObject({
			code: 'stock_reason_required'
		});
		const [row] = await writeOffExpired(staff, { ...input, lot: '2026-12-04T06:00Z' }, now);
		expect(row).toMatchObject({ kind: 'WASTED', quantity: 20, reason: 'Past use-by', fromPostId: depot.id });
		expect(await balanceOf(fruit.id, depot.id)).toBe(30);
		expect(await ledgerSum(fruit.id, depot.id)).toBe(30);
		await expect(writeOffExpired(staff, { ...input, lot: '2026-12-04T06:00Z' }, now)).rejects.toMatchObject({
			code: 'stock_lot_empty'
		});
		const entry = await db.auditEntry.findFirst({ where: { subjectId: row.id } });
		expect(entry).toMatchObject({
			operationId: operation.id,
			action: 'stock.written_off',
			actorId: staff.id
		});
		expect(await expiringStock(operation.id, now, 1)).toEqual([]);
	});

	it('keeps shelf life and write-offs to logistics staff and to the operation’s own items', async () => {
		const { operation, fruit, depot } = await freshScene();
		const volunteer = await makeUser();
		await expect(
			setShelfLife(volunteer, { operationId: operation.id, itemId: fruit.id, hours: 2 })
		).rejects.toMatchObject({ status: 403 });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const other = await makeOperation();
		await expect(
			setShelfLife(organizer, { operationId: other.id, itemId: fruit.id, hours: 2 })
		).rejects.toMatchObject({ code: 'stock_item_unknown' });
		await expect(
			setShelfLife(organizer, { operationId: operation.id, itemId: fruit.id, hours: 0 })
		).rejects.toMatchObject({ code: 'stock_shelf_life_invalid' });
		await expect(
			writeOffExpired(
				organizer,
				{ operationId: other.id, itemId: fruit.id, postId: depot.id, lot: '2026-12-04T06:00Z', reason: 'x' },
				new Date(T0.getTime() + 10 * HOUR)
			)
		).rejects.toMatchObject({ code: 'stock_lot_empty' });
	});
});
