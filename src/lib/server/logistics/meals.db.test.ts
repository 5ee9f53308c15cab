import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser } from '$test/factories';
import { badgeToken } from './badge';
import { mealList, notEaten, serveByBadge, serveMeal } from './meals';

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
});
