import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { stockOverview } from '$lib/server/logistics/overview';
import { ledgerSum } from '$test/logistics-factories';
import { seedDemo } from './seed';

afterAll(closeLiveBus);

describe(`the demo supplies on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('seed a ledger that balances, requests at every stage and bookable pods', async () => {
		const { operationId } = await seedDemo(new Date());
		const overview = await stockOverview(operationId);
		expect(overview.rows.map((row) => row.name)).toContain('Water 500 ml');
		for (const row of overview.rows) {
			for (const cell of row.cells)
				expect(await ledgerSum(row.id, cell.postId), `${row.name}`).toBe(cell.quantity);
		}
		// The North Gate holds 18 bottles against a threshold of 24: the home page has an alert.
		expect(overview.low.map((low) => `${low.itemName} @ ${low.postName}`)).toContain(
			'Water 500 ml @ North Gate'
		);
		const statuses = (await db.supplyRequest.findMany({ where: { operationId } }))
			.map((r) => r.status)
			.sort();
		expect(statuses).toEqual(['ACCEPTED', 'RECEIVED', 'REQUESTED']);
		expect(await db.pod.count({ where: { operationId } })).toBe(2);
		expect(await db.podBooking.count({ where: { status: 'BOOKED' } })).toBe(1);
		expect(await db.mealServing.count()).toBe(1);
	});
});
