import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeUser } from '$test/factories';
import { makePatrolScenario } from '$test/patrol-factories';
import { attendanceSheet, markAttendance, markFromSheet, sheetTime } from './marks';
import { timeServed } from './patrols';

afterAll(closeLiveBus);

const MINUTE = 60_000;

describe(`attendance marked by hand on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('marks someone without a phone present, with a reason, audited, and their hours count', async () => {
		const leader = await makeUser();
		const s = await makePatrolScenario({ leaderId: leader.id, startedMinutesAgo: 300, lengthMinutes: 240 });
		await expect(
			markAttendance(await makeUser(), s.assignment.id, { kind: 'PRESENT', reason: 'x' })
		).rejects.toMatchObject({ status: 404 });

		const arrivedAt = new Date(s.shift.startsAt.getTime() + 15 * MINUTE);
		const leftAt = new Date(s.shift.startsAt.getTime() + 195 * MINUTE);
		await markAttendance(leader, s.assignment.id, {
			kind: 'PRESENT',
			reason: 'Phone broken; walked with me all evening.',
			arrivedAt,
			leftAt
		});
		expect((await db.assignment.findUniqueOrThrow({ where: { id: s.assignment.id } })).status).toBe(
			'PRESENT'
		);
		expect(await timeServed(s.volunteer.id)).toEqual({ minutes: 180, shifts: 1 });
		const [entry] = await db.auditEntry.findMany({
			where: { subjectId: s.shift.id, action: 'attendance.marked_present' }
		});
		expect(entry.actorId).toBe(leader.id);
		expect(JSON.parse(entry.detail!).reason).toBe('Phone broken; walked with me all evening.');

		// Marked absent instead: no hours.
		await markAttendance(leader, s.assignment.id, { kind: 'ABSENT', reason: 'Marked by mistake.' });
		expect(await timeServed(s.volunteer.id)).toEqual({ minutes: 0, shifts: 0 });
	});

	it("shows the sheet to the shift's leader only, and marks from it on the operation's clock", async () => {
		const leader = await makeUser();
		const s = await makePatrolScenario({ leaderId: leader.id, startedMinutesAgo: 30, lengthMinutes: 240 });
		await expect(attendanceSheet(await makeUser(), s.shift.id)).rejects.toMatchObject({ status: 404 });
		const before = await attendanceSheet(leader, s.shift.id);
		expect(before.people.map((p) => p.state)).toEqual(['missing']);

		const timezone = before.timezone;
		const start = new Date(s.shift.startsAt.getTime() + 10 * MINUTE);
		const clock = (d: Date) =>
			new Intl.DateTimeFormat('en-GB', {
				timeZone: timezone,
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23'
			}).format(d);
		await expect(
			markFromSheet(leader, s.assignment.id, {
				kind: 'PRESENT',
				reason: 'x',
				arrivedAt: clock(start),
				leftAt: clock(start)
			})
		).rejects.toMatchObject({ code: 'attendance_times_order' });
		await markFromSheet(leader, s.assignment.id, {
			kind: 'PRESENT',
			reason: 'No phone.',
			arrivedAt: clock(start)
		});
		const after = await attendanceSheet(leader, s.shift.id);
		expect(after.people[0]).toMatchObject({ state: 'present', how: 'hand', mark: { reason: 'No phone.' } });
		expect(after.people[0].mark?.arrivedAt?.getTime()).toBe(
			sheetTime(s.shift, clock(start), timezone).getTime()
		);
		expect(after.people[0].mark?.leftAt).toEqual(s.shift.endsAt);
	});
});
