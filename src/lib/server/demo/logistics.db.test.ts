import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { stockOverview } from '$lib/server/logistics/overview';
import { currentShift } from '$lib/patrol-view';
import { patrolViewFor } from '$lib/server/patrols/view';
import { ledgerSum } from '$test/logistics-factories';
import { seedDemo } from './seed';

afterAll(closeLiveBus);

// The demo is seeded once per file; both tests read it.
const now = new Date();
let seeded: ReturnType<typeof seedDemo> | undefined;
const seed = () => (seeded ??= seedDemo('a demo password for the test', now));

describe(`the demo supplies on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('seed a ledger that balances, requests at every stage and bookable pods', async () => {
		const { operationId } = await seed();
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

	it('put the gate lead, on shift now, on a running patrol he can end, whose hours count', async () => {
		await seed();
		const lead = await db.user.findUniqueOrThrow({ where: { email: 'gate.lead@redband.demo' } });
		const view = await patrolViewFor(lead.id, now);
		const shift = currentShift(view.shifts, now);
		expect(shift?.post?.name).toBe('North Gate');
		expect(shift?.patrol?.startedAt).toBeTruthy();
		expect(shift?.patrol?.endedAt).toBeNull();
	});
});
