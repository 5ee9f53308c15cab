import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { zonedDate } from '$lib/time';
import { assign, makeOperation, makeShift, makeUser } from '$test/factories';
import { balanceOf, ledgerSum, makeItem, makePost } from '$test/logistics-factories';
import { moveStock } from './ledger';
import { dailyReport, reportCsv } from './report';
import {
	acceptRequest,
	cancelRequest,
	confirmReceipt,
	createRequest,
	deliverRequest,
	declineRequest,
	pickRequest,
	requestablePosts
} from './requests';

afterAll(closeLiveBus);

const HOUR = 3_600_000;

async function gateWithVolunteer() {
	const operation = await makeOperation();
	const staff = await makeUser({ role: 'LOGISTICS' });
	const depot = await makePost(operation.id, 'DEPOT');
	const gate = await makePost(operation.id, 'GATE');
	const elsewhere = await makePost(operation.id, 'INFO_DESK');
	const water = await makeItem(operation.id, 'BOTTLE', 'Water 500 ml');
	const fruit = await makeItem(operation.id, 'KG', 'Fruit');
	await moveStock(staff, {
		kind: 'RECEIVED',
		operationId: operation.id,
		itemId: water.id,
		toPostId: depot.id,
		quantity: 100
	});
	await moveStock(staff, {
		kind: 'RECEIVED',
		operationId: operation.id,
		itemId: fruit.id,
		toPostId: depot.id,
		quantity: 2
	});
	const volunteer = await makeUser();
	const shift = await makeShift(operation.id, {
		postId: gate.id,
		startsAt: new Date(Date.now() - HOUR),
		endsAt: new Date(Date.now() + 3 * HOUR)
	});
	await assign(shift.id, volunteer.id);
	return { operation, staff, depot, gate, elsewhere, water, fruit, volunteer, shift };
}

const statusEvents = async (requestId: string) =>
	(
		await db.outboxEvent.findMany({
			where: { topic: 'logistics.request_status', payload: { contains: requestId } },
			orderBy: { createdAt: 'asc' }
		})
	).map((event) => JSON.parse(event.payload).status);

describe(`supply requests on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('go from a post to logistics and back, moving the stock, with every step recorded', async () => {
		const { operation, staff, depot, gate, water, volunteer } = await gateWithVolunteer();
		const request = await createRequest(volunteer, {
			postId: gate.id,
			lines: [{ itemId: water.id, quantity: 40 }],
			urgent: true
		});
		expect(request).toMatchObject({ status: 'REQUESTED', urgent: true, requesterId: volunteer.id });
		expect(
			await db.outboxEvent.count({
				where: { topic: 'logistics.request_created', payload: { contains: request.id } }
			})
		).toBe(1);

		await acceptRequest(staff, { requestId: request.id, depotId: depot.id });
		await expect(acceptRequest(staff, { requestId: request.id, depotId: depot.id })).rejects.toMatchObject({
			code: 'supply_status_changed',
			status: 409
		});
		await pickRequest(staff, { requestId: request.id });
		expect(await balanceOf(water.id, depot.id)).toBe(60);
		expect(await balanceOf(water.id, gate.id)).toBe(0);

		await expect(confirmReceipt(volunteer, { requestId: request.id })).rejects.toMatchObject({
			code: 'supply_status_changed'
		});
		await deliverRequest(staff, { requestId: request.id });
		expect(await balanceOf(water.id, gate.id)).toBe(40);
		for (const post of [depot, gate])
			expect(await ledgerSum(water.id, post.id)).toBe(await balanceOf(water.id, post.id));

		await confirmReceipt(volunteer, { requestId: request.id });
		expect(await statusEvents(request.id)).toEqual(['ACCEPTED', 'PICKED', 'DELIVERED', 'RECEIVED']);

		const report = await dailyReport(operation.id, zonedDate(new Date(), operation.timezone));
		expect(report.requests).toMatchObject({ created: 1, fulfilled: 1, urgentFulfilled: 1 });
		expect(report.requests.medianMinutes).toBeGreaterThanOrEqual(0);
		expect(report.byItem.find((item) => item.id === water.id)).toMatchObject({
			total: 40,
			byLocation: [{ postId: gate.id, quantity: 40 }]
		});
		expect(reportCsv(report)).toContain(`stock,Water 500 ml,BOTTLE,${gate.name},transferredIn,40`);
	});

	it('let a volunteer ask only for a post they are on now', async () => {
		const { operation, depot, gate, elsewhere, water, volunteer } = await gateWithVolunteer();
		expect((await requestablePosts(volunteer, operation.id)).map((post) => post.id)).toEqual([gate.id]);
		// Each refusal for its own reason: another post is not theirs; a depot or a post that does not
		// exist is no place to ask for.
		for (const [postId, refusal] of [
			[elsewhere.id, { code: 'supply_not_your_post', status: 403 }],
			[depot.id, { code: 'stock_location_unknown', status: 404 }],
			['no-such-post', { code: 'stock_location_unknown', status: 404 }]
		] as const) {
			await expect(
				createRequest(volunteer, { postId, lines: [{ itemId: water.id, quantity: 5 }] }),
				postId
			).rejects.toMatchObject(refusal);
		}
		const stranger = await makeUser();
		await expect(
			createRequest(stranger, { postId: gate.id, lines: [{ itemId: water.id, quantity: 5 }] })
		).rejects.toMatchObject({
			code: 'supply_not_your_post',
			status: 403
		});
		// A volunteer cannot run the queue.
		const request = await createRequest(volunteer, {
			postId: gate.id,
			lines: [{ itemId: water.id, quantity: 5 }]
		});
		await expect(
			acceptRequest(volunteer, { requestId: request.id, depotId: depot.id })
		).rejects.toMatchObject({ status: 403 });
		await expect(cancelRequest(stranger, { requestId: request.id })).rejects.toMatchObject({ status: 403 });
		expect(await db.supplyRequest.count({ where: { postId: { in: [elsewhere.id, depot.id] } } })).toBe(0);
	});

	it('refuse bad lines and save nothing', async () => {
		const { gate, water, fruit, volunteer } = await gateWithVolunteer();
		const before = await db.supplyRequest.count();
		const bad: [unknown[], string][] = [
			[[], 'supply_lines_required'],
			[[{ itemId: water.id, quantity: -3 }], 'stock_quantity_invalid'],
			[[{ itemId: water.id, quantity: Number('lots') }], 'stock_quantity_invalid'],
			[[{ itemId: fruit.id, quantity: 1.25 }], 'stock_quantity_invalid'],
			[[{ itemId: 'no-such-item', quantity: 3 }], 'stock_item_unknown']
		];
		for (const [lines, code] of bad) {
			await expect(
				createRequest(volunteer, { postId: gate.id, lines: lines as never })
			).rejects.toMatchObject({ code });
		}
		expect(await db.supplyRequest.count()).toBe(before);
	});

	it('pick all lines or none, and put picked stock back when cancelled', async () => {
		const { staff, depot, gate, water, fruit, volunteer } = await gateWithVolunteer();
		const request = await createRequest(volunteer, {
			postId: gate.id,
			lines: [
				{ itemId: water.id, quantity: 30 },
				{ itemId: fruit.id, quantity: 2.5 }
			]
		});
		await acceptRequest(staff, { requestId: request.id, depotId: depot.id });
		await expect(pickRequest(staff, { requestId: request.id })).rejects.toMatchObject({
			code: 'supply_pick_insufficient',
			options: { params: { item: 'Fruit', available: 2 } }
		});
		expect(await db.supplyRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
			status: 'ACCEPTED'
		});
		expect(await balanceOf(water.id, depot.id)).toBe(100);

		await declineRequest(staff, { requestId: request.id, reason: 'No fruit until tonight' });
		const second = await createRequest(volunteer, {
			postId: gate.id,
			lines: [{ itemId: water.id, quantity: 30 }]
		});
		await acceptRequest(staff, { requestId: second.id, depotId: depot.id });
		await pickRequest(staff, { requestId: second.id });
		await expect(cancelRequest(volunteer, { requestId: second.id })).rejects.toMatchObject({
			code: 'supply_status_changed'
		});
		await cancelRequest(staff, { requestId: second.id });
		expect(await balanceOf(water.id, depot.id)).toBe(100);
		expect(await ledgerSum(water.id, depot.id)).toBe(100);
	});

	it('create one request for a retried submission', async () => {
		const { gate, water, volunteer } = await gateWithVolunteer();
		const input = {
			postId: gate.id,
			lines: [{ itemId: water.id, quantity: 5 }],
			clientId: `c-${Date.now()}`
		};
		const [first, again] = [await createRequest(volunteer, input), await createRequest(volunteer, input)];
		expect(again.id).toBe(first.id);
		expect(await db.supplyRequest.count({ where: { clientId: input.clientId } })).toBe(1);
	});
});
