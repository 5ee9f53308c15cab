import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser, unique } from '$test/factories';
import { certificate, sendThanks, serviceRecord } from './service';

const HOUR = 3_600_000;

async function servedPatrol(
	userId: string,
	shift: { id: string; operationId: string },
	start: Date,
	hours: number
) {
	const assignment = await db.assignment.create({ data: { shiftId: shift.id, userId, status: 'COMPLETED' } });
	await db.patrol.create({
		data: {
			clientId: unique('c'),
			assignmentId: assignment.id,
			shiftId: shift.id,
			userId,
			operationId: shift.operationId,
			startedAt: start,
			startedPhoneTime: start,
			startedReceivedAt: start,
			endedAt: new Date(start.getTime() + hours * HOUR),
			checkInCount: 6
		}
	});
}

describe(`recognition on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('counts a volunteer’s hours, shifts and patrols, with a certificate once the operation has ended', async () => {
		const now = new Date();
		const operation = await makeOperation({
			startsAt: new Date(now.getTime() - 72 * HOUR),
			endsAt: new Date(now.getTime() + 2 * HOUR)
		});
		const person = await makeUser({ name: 'Wang Fang' });
		const first = await makeShift(operation.id, { startsAt: new Date(now.getTime() - 50 * HOUR) });
		const second = await makeShift(operation.id, { startsAt: new Date(now.getTime() - 26 * HOUR) });
		await servedPatrol(person.id, first, first.startsAt, 3.5);
		await servedPatrol(person.id, second, second.startsAt, 4);
		const noShow = await makeShift(operation.id, { startsAt: new Date(now.getTime() - 5 * HOUR) });
		await db.assignment.create({ data: { shiftId: noShow.id, userId: person.id, status: 'NO_SHOW' } });

		const [record] = await serviceRecord(person.id, now);
		expect(record).toMatchObject({
			id: operation.id,
			minutes: 450,
			shifts: 2,
			patrols: 2,
			checkIns: 12,
			ended: false
		});
		await expect(certificate(person.id, operation.id, now)).rejects.toMatchObject({
			code: 'certificate_not_yet'
		});
		const after = new Date(now.getTime() + 3 * HOUR);
		expect(await certificate(person.id, operation.id, after)).toMatchObject({
			name: 'Wang Fang',
			operationName: operation.name,
			minutes: 450,
			shifts: 2
		});
		const stranger = await makeUser();
		await expect(certificate(stranger.id, operation.id, after)).rejects.toMatchObject({ status: 404 });
	});

	it('puts a thank-you in the inbox of everyone on a shift, in their language, and of one person', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER', name: 'Li Organizer' });
		const shift = await makeShift(operation.id, { startsAt: new Date(Date.now() - 5 * HOUR) });
		const english = await makeUser();
		const chinese = await makeUser({ locale: 'zh' });
		await assign(shift.id, english.id);
		await assign(shift.id, chinese.id);
		const waiting = await makeUser();
		await db.assignment.create({ data: { shiftId: shift.id, userId: waiting.id, status: 'WAITLISTED' } });

		expect(
			await sendThanks(organizer, {
				operationId: operation.id,
				shiftId: shift.id,
				message: 'You kept the gate calm.'
			})
		).toEqual({
			people: 2
		});
		const notices = await db.notice.findMany({ where: { kind: 'thanks', operationId: operation.id } });
		expect(notices.map((n) => n.userId).sort()).toEqual([english.id, chinese.id].sort());
		const zh = notices.find((n) => n.userId === chinese.id)!;
		expect(zh.title).toContain('Li Organizer');
		expect(zh.title).not.toBe(notices.find((n) => n.userId === english.id)!.title);
		expect(zh.body).toContain('You kept the gate calm.');

		await sendThanks(organizer, {
			operationId: operation.id,
			userId: english.id,
			message: 'Thank you, truly.'
		});
		expect(await db.notice.count({ where: { userId: english.id, kind: 'thanks' } })).toBe(2);
		expect((await serviceRecord(english.id)).find((r) => r.id === operation.id)).toBeUndefined();

		const other = await makeOperation();
		await expect(
			sendThanks(organizer, { operationId: other.id, shiftId: shift.id, message: 'Thanks' })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			sendThanks(organizer, { operationId: other.id, userId: english.id, message: 'Thanks' })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			sendThanks(organizer, { operationId: operation.id, userId: english.id, message: ' ' })
		).rejects.toMatchObject({ code: 'thanks_message_invalid' });
		expect(await db.auditEntry.count({ where: { operationId: operation.id, action: 'thanks.sent' } })).toBe(
			2
		);
	});
});
