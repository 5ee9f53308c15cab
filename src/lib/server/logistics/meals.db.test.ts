import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeRoute, makeShift, makeUser } from '$test/factories';
import { balanceOf, ledgerSum, makePost } from '$test/logistics-factories';
import { zonedDate } from '$lib/time';
import { badgeToken } from './badge';
import { setMealDepot } from './fresh';
import { createItem } from './items';
import { moveStock } from './ledger';
import { mealList, notEaten, serveByBadge, serveMeal } from './meals';
import { dailyReport } from './report';

const HOUR = 3_600_000;

async function runningShift(people = 3) {
	const operation = await makeOperation();
	const leader = await makeUser();
	const shift = await makeShift(operation.id, {
		startsAt: new Date(Date.now() - HOUR),
		endsAt: new Date(Date.now() + 3 * HOUR),
		leaderId: leader.id
	});
	const crew = [];
	for (let i = 0; i < people; i++) {
		const person = await makeUser();
		await assign(shift.id, person.id);
		crew.push(person);
	}
	return { operation, leader, shift, crew };
}

describe(`meals on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('serve each person once per shift, even when two phones tick the same name', async () => {
		const { leader, shift, crew } = await runningShift();
		const staff = await makeUser({ role: 'LOGISTICS' });
		const results = await Promise.allSettled([
			serveMeal(leader, { shiftId: shift.id, userId: crew[0].id }),
			serveMeal(staff, { shiftId: shift.id, userId: crew[0].id })
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
			code: 'meal_already_served',
			status: 409
		});
		const list = await mealList(leader, shift.id);
		expect(list.people.filter((person) => person.servedAt)).toHaveLength(1);
		expect(await db.mealServing.count({ where: { shiftId: shift.id } })).toBe(1);
	});

	it('let only the shift leader and logistics serve, and only people on the shift', async () => {
		const { shift, crew } = await runningShift(1);
		const otherLeader = await makeUser();
		await expect(serveMeal(otherLeader, { shiftId: shift.id, userId: crew[0].id })).rejects.toMatchObject({
			status: 403
		});
		await expect(serveMeal(crew[0], { shiftId: shift.id, userId: crew[0].id })).rejects.toMatchObject({
			status: 403
		});
		const organizer = await makeUser({ role: 'ORGANIZER' });
		await expect(serveMeal(organizer, { shiftId: shift.id, userId: otherLeader.id })).rejects.toMatchObject({
			code: 'meal_not_entitled'
		});
	});

	it('serve by scanning a badge and refuse a forged one', async () => {
		const { operation, leader, shift, crew } = await runningShift(2);
		const served = await serveByBadge(leader, { badge: badgeToken(crew[1].id), operationId: operation.id });
		expect(served.id).toBe(crew[1].id);
		expect(
			await db.mealServing.findFirst({ where: { shiftId: shift.id, userId: crew[1].id } })
		).toMatchObject({ method: 'SCAN' });
		await expect(
			serveByBadge(leader, { badge: badgeToken(crew[1].id), operationId: operation.id })
		).rejects.toMatchObject({
			code: 'meal_already_served'
		});
		// Crew 0's name with crew 1's signature.
		const forged = `${badgeToken(crew[0].id).split('.')[0]}.${badgeToken(crew[1].id).split('.')[1]}`;
		await expect(serveByBadge(leader, { badge: forged, operationId: operation.id })).rejects.toMatchObject({
			code: 'meal_badge_invalid'
		});
		const stranger = await makeUser();
		await expect(
			serveByBadge(leader, { badge: badgeToken(stranger.id), operationId: operation.id })
		).rejects.toMatchObject({
			code: 'meal_no_shift_now'
		});
	});

	it('show organizers who has not eaten', async () => {
		const { operation, leader, shift, crew } = await runningShift(3);
		await serveMeal(leader, { shiftId: shift.id, userId: crew[0].id });
		const [summary] = (await notEaten(operation.id)).filter((row) => row.id === shift.id);
		expect(summary).toMatchObject({ entitled: 3, served: 1 });
		expect(summary.missing.map((person) => person.id).sort()).toEqual([crew[1].id, crew[2].id].sort());
	});

	describe('from stock', () => {
		/** An operation that keeps meal boxes: 5 at the gate, 3 at the depot. */
		async function mealStock() {
			const operation = await makeOperation();
			const staff = await makeUser({ role: 'LOGISTICS' });
			const depot = await makePost(operation.id, 'DEPOT');
			const gate = await makePost(operation.id, 'GATE');
			const box = await createItem(staff, {
				operationId: operation.id,
				name: 'Meal box',
				unit: 'BOX',
				isMeal: true
			});
			const receive = (postId: string, quantity: number) =>
				moveStock(staff, {
					kind: 'RECEIVED',
					operationId: operation.id,
					itemId: box.id,
					toPostId: postId,
					quantity
				});
			await receive(gate.id, 5);
			await receive(depot.id, 3);
			const leader = await makeUser();
			const shiftAt = async (place: { postId?: string; routeId?: string }, people: number) => {
				const shift = await makeShift(operation.id, {
					...place,
					startsAt: new Date(Date.now() - HOUR),
					endsAt: new Date(Date.now() + 3 * HOUR),
					leaderId: leader.id
				});
				const crew = [];
				for (let i = 0; i < people; i++) {
					const person = await makeUser();
					await assign(shift.id, person.id);
					crew.push(person);
				}
				return { shift, crew };
			};
			return { operation, staff, depot, gate, box, leader, shiftAt };
		}

		it('take one box from the post’s stock per meal, exactly once however often it is ticked', async () => {
			const { operation, staff, gate, box, leader, shiftAt } = await mealStock();
			const { shift, crew } = await shiftAt({ postId: gate.id }, 3);
			// Every person ticked on two phones at once, and once more afterwards.
			const ticks = crew.flatMap((person) => [
				serveMeal(leader, { shiftId: shift.id, userId: person.id }),
				serveMeal(staff, { shiftId: shift.id, userId: person.id })
			]);
			const results = await Promise.allSettled(ticks);
			expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
			await expect(serveMeal(leader, { shiftId: shift.id, userId: crew[0].id })).rejects.toMatchObject({
				code: 'meal_already_served'
			});
			expect(await balanceOf(box.id, gate.id)).toBe(2);
			expect(await ledgerSum(box.id, gate.id)).toBe(2);
			const issued = await db.stockMovement.findMany({
				where: { itemId: box.id, kind: 'ISSUED' },
				select: { fromPostId: true, quantity: true, mealServing: { select: { shiftId: true, userId: true } } }
			});
			expect(issued).toHaveLength(3);
			expect(issued.every((row) => row.fromPostId === gate.id && row.quantity === 1)).toBe(true);
			expect(new Set(issued.map((row) => row.mealServing?.userId))).toEqual(new Set(crew.map((p) => p.id)));

			// The daily report counts the same three meals at the gate as the ledger issued there.
			const report = await dailyReport(operation.id, zonedDate(new Date(), operation.timezone));
			expect(report.meals.byPlace).toEqual([{ place: gate.name, count: 3 }]);
			expect(report.stock.find((line) => line.itemId === box.id && line.postId === gate.id)?.issued).toBe(3);
		});

		it('take a patrol’s meals from the depot logistics named, and refuse while none is named', async () => {
			const { operation, staff, depot, box, leader, shiftAt } = await mealStock();
			const route = await makeRoute(operation.id);
			const { shift, crew } = await shiftAt({ routeId: route.id }, 2);
			await expect(serveMeal(leader, { shiftId: shift.id, userId: crew[0].id })).rejects.toMatchObject({
				code: 'meal_no_depot',
				status: 409
			});
			// Refused means nothing stored: the person can still be served once a depot is named.
			expect(await db.mealServing.count({ where: { shiftId: shift.id } })).toBe(0);
			await setMealDepot(staff, { operationId: operation.id, postId: depot.id });
			await serveMeal(leader, { shiftId: shift.id, userId: crew[0].id });
			expect(await balanceOf(box.id, depot.id)).toBe(2);
		});

		it('refuse a meal when the place has no boxes left, and take nothing', async () => {
			const { staff, depot, box, leader, shiftAt, operation } = await mealStock();
			const empty = await makePost(operation.id, 'INFO_DESK');
			const { shift, crew } = await shiftAt({ postId: empty.id }, 1);
			await expect(serveMeal(leader, { shiftId: shift.id, userId: crew[0].id })).rejects.toMatchObject({
				code: 'meal_out_of_stock',
				options: { params: { place: empty.name } }
			});
			expect(await db.mealServing.count({ where: { shiftId: shift.id } })).toBe(0);
			await moveStock(staff, {
				kind: 'TRANSFER',
				operationId: operation.id,
				itemId: box.id,
				fromPostId: depot.id,
				toPostId: empty.id,
				quantity: 1
			});
			await serveMeal(leader, { shiftId: shift.id, userId: crew[0].id });
			expect(await balanceOf(box.id, empty.id)).toBe(0);
		});
	});
});
