import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import { eventsFor, HOUR, makeVolunteer, rosterScene, statusOf } from '$test/rostering-factories';
import { batchWindows, createBatch, undoBatch } from './bulk';
import { signUp } from './roster';
import { cancelShift, createShift, updateShift, type ShiftInput } from './shifts';

const input = (
	routeId: string,
	startsAt: Date,
	hours: number,
	extra: Partial<ShiftInput> = {}
): ShiftInput => ({
	routeId,
	startsAt,
	endsAt: new Date(startsAt.getTime() + hours * HOUR),
	headcount: 2,
	skills: [],
	languages: [],
	...extra
});

describe('changing shifts', () => {
	it('creates shifts with requirements and refuses a place of another operation', async () => {
		const { operation, route, base } = await rosterScene();
		const other = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const shift = await createShift(
			organizer.id,
			operation.id,
			input(route.id, base, 4, { skills: ['RADIO'], languages: ['en'] })
		);
		expect(await db.shiftRequirement.count({ where: { shiftId: shift.id } })).toBe(2);
		await expect(
			createShift(organizer.id, operation.id, input(other.route.id, base, 4))
		).rejects.toMatchObject({
			code: 'shift_place_required',
			options: { field: 'place' }
		});
		await expect(createShift(organizer.id, operation.id, input(route.id, base, -1))).rejects.toMatchObject({
			code: 'shift_ends_before_start'
		});
	});

	it('keeps shifts within the operation’s dates, give or take two days for setting up', async () => {
		const { operation, route } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const dayBefore = new Date(operation.startsAt.getTime() - 24 * HOUR);
		await expect(
			createShift(organizer.id, operation.id, input(route.id, dayBefore, 4))
		).resolves.toHaveProperty('id');
		const yearsLater = new Date(operation.endsAt.getTime() + 3 * 365 * 24 * HOUR);
		await expect(
			createShift(organizer.id, operation.id, input(route.id, yearsLater, 4))
		).rejects.toMatchObject({
			code: 'shift_outside_operation',
			options: { field: 'date' }
		});
	});

	it('emits "changed", promotes the waitlist on a bigger headcount and refuses changes that break someone’s rules', async () => {
		const { operation, route, base, shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const shift = await createShift(organizer.id, operation.id, input(route.id, base, 4, { headcount: 1 }));
		const [a, b] = [await makeVolunteer(), await makeVolunteer()];
		await signUp(a.id, shift.id);
		await signUp(b.id, shift.id);

		await updateShift(
			organizer.id,
			shift.id,
			input(route.id, base, 4, { headcount: 2, instructions: 'Bring water' })
		);
		expect(await statusOf(shift.id, b.id)).toBe('ASSIGNED');
		expect((await eventsFor(shift.id)).find((e) => e.topic === 'shift.changed')?.payload).toMatchObject({
			changes: ['details'],
			actorId: organizer.id
		});

		await expect(
			updateShift(organizer.id, shift.id, input(route.id, base, 4, { headcount: 1 }))
		).rejects.toMatchObject({
			code: 'headcount_below_assigned'
		});
		// "a" has another shift later that day; moving this one onto it must be refused.
		await signUp(a.id, (await shiftAt(13, 3)).id);
		await expect(
			updateShift(organizer.id, shift.id, input(route.id, new Date(base.getTime() + 12 * HOUR), 2))
		).rejects.toMatchObject({ code: 'change_breaks_rules' });
		expect((await db.shift.findUniqueOrThrow({ where: { id: shift.id } })).startsAt).toEqual(base);
	});

	it('cancels a shift, telling everyone on it and waiting for it', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const shift = await shiftAt(0, 4, { headcount: 1 });
		const [a, b] = [await makeVolunteer(), await makeVolunteer()];
		await signUp(a.id, shift.id);
		await signUp(b.id, shift.id);
		await cancelShift(organizer.id, shift.id);
		expect(await db.shift.findUnique({ where: { id: shift.id } })).toBeNull();
		const cancelled = (await eventsFor(shift.id)).find((e) => e.topic === 'shift.cancelled');
		expect(cancelled?.payload).toMatchObject({
			userIds: [a.id, b.id],
			startsAt: shift.startsAt.toISOString(),
			actorId: organizer.id
		});
	});
});

describe('shifts in bulk', () => {
	it('repeats a pattern over days in the operation’s timezone, overnight included', () => {
		const windows = batchWindows(
			{ fromDate: '2026-12-01', toDate: '2026-12-03', startTime: '22:00', endTime: '06:00' },
			'Asia/Shanghai'
		);
		expect(windows.map((w) => [w.startsAt.toISOString(), w.endsAt.toISOString()])).toEqual([
			['2026-12-01T14:00:00.000Z', '2026-12-01T22:00:00.000Z'],
			['2026-12-02T14:00:00.000Z', '2026-12-02T22:00:00.000Z'],
			['2026-12-03T14:00:00.000Z', '2026-12-03T22:00:00.000Z']
		]);
		expect(() =>
			batchWindows(
				{ fromDate: '2026-12-03', toDate: '2026-12-01', startTime: '08:00', endTime: '12:00' },
				'UTC'
			)
		).toThrow('batch_dates_reversed');
	});

	it('undoes a batch: its shifts go, people on them are told, and it cannot be undone twice', async () => {
		const { operation, route } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const tomorrow = new Date(Date.now() + 30 * HOUR).toISOString().slice(0, 10);
		const { batchId, created } = await createBatch(organizer.id, operation.id, {
			routeId: route.id,
			fromDate: tomorrow,
			toDate: new Date(Date.now() + 78 * HOUR).toISOString().slice(0, 10),
			startTime: '09:00',
			endTime: '13:00',
			headcount: 3,
			skills: ['RADIO'],
			languages: [],
			label: 'Mornings'
		});
		expect(created).toBe(3);
		const shifts = await db.shift.findMany({ where: { batchId }, include: { requirements: true } });
		expect(shifts.every((s) => s.requirements.some((r) => r.code === 'RADIO'))).toBe(true);
		const person = await makeVolunteer({ skills: [{ skill: 'RADIO' }] });
		await signUp(person.id, shifts[0].id);

		expect(await undoBatch(organizer.id, batchId)).toBe(3);
		expect(await db.shift.count({ where: { id: { in: shifts.map((s) => s.id) } } })).toBe(0);
		expect((await eventsFor(shifts[0].id)).map((e) => e.topic)).toContain('shift.cancelled');
		await expect(undoBatch(organizer.id, batchId)).rejects.toMatchObject({ code: 'batch_already_undone' });
		expect(await db.auditEntry.count({ where: { subjectId: batchId, actorId: organizer.id } })).toBe(2);
	});

	it('refuses to undo a batch with a shift under way, and keeps everything', async () => {
		const { operation, route } = await rosterScene();
		// An operation that began last winter, with shifts from back then.
		await db.operation.update({
			where: { id: operation.id },
			data: { startsAt: new Date('2025-12-31T00:00:00Z') }
		});
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const { batchId } = await createBatch(organizer.id, operation.id, {
			routeId: route.id,
			fromDate: '2026-01-01',
			toDate: '2026-01-02',
			startTime: '09:00',
			endTime: '13:00',
			headcount: 1,
			skills: [],
			languages: [],
			label: 'Past'
		});
		await expect(undoBatch(organizer.id, batchId)).rejects.toMatchObject({ code: 'shift_started' });
		expect(await db.shift.count({ where: { batchId } })).toBe(2);
		expect((await db.shiftBatch.findUniqueOrThrow({ where: { id: batchId } })).undoneAt).toBeNull();
	});
});
