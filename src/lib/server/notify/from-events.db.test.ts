import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { emit } from '$lib/server/events';
import { makeAlert } from '../../../../tests/support/alert-factories';
import { assign, makeOperation, makeShift, makeUser } from '../../../../tests/support/factories';
import { makeItem, makePod, makePost } from '../../../../tests/support/logistics-factories';
import { consumeEvents, shiftTopic } from './from-events';
import { remindUpcomingShifts } from './reminders';
import { saveSubscription } from './subscriptions';

const MINUTE = 60 * 1000;

beforeAll(() => {
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
});

async function scene() {
	const operation = await makeOperation({ timezone: 'Asia/Shanghai' });
	const post = await makePost(operation.id, 'GATE', `North Gate ${operation.id}`);
	const shift = await makeShift(operation.id, {
		postId: post.id,
		startsAt: new Date('2030-05-01T01:00:00Z')
	});
	const [en, zh] = [await makeUser({ locale: 'en' }), await makeUser({ locale: 'zh' })];
	const organizer = await makeUser({ role: 'ORGANIZER', locale: 'zh' });
	for (const person of [en, zh, organizer]) {
		await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
	}
	await saveSubscription(zh.id, {
		endpoint: `https://127.0.0.1:9/push/${zh.id}`,
		keys: { p256dh: 'BPk', auth: 'AAAA' }
	});
	return { operation, post, shift, en, zh, organizer };
}

const noticesOf = (userId: string) =>
	db.notice.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });

describe('events become messages', () => {
	it('tells a person about their shift in their language, with a topic per shift and a push queued', async () => {
		const { shift, en, zh } = await scene();
		await emit(db, 'shift.assigned', { shiftId: shift.id, userId: en.id, actorId: null });
		await emit(db, 'shift.assigned', { shiftId: shift.id, userId: zh.id, actorId: null });
		expect(await consumeEvents()).toEqual({ handled: 2, failed: 0 });

		const [english] = await noticesOf(en.id);
		expect(english).toMatchObject({
			kind: 'shift.assigned',
			title: 'You are on a shift',
			topic: shiftTopic(shift.id),
			url: `/shifts/${shift.id}`
		});
		// 09:00 in Shanghai, in each reader's language.
		expect(english.body).toMatch(/North Gate .*09:00/);
		const [chinese] = await noticesOf(zh.id);
		expect(chinese.title).toBe('你已被安排班次');
		expect(chinese.body).toMatch(/North Gate .*09:00/);
		expect(await db.pushDelivery.count({ where: { noticeId: chinese.id, status: 'QUEUED' } })).toBe(1);
		expect(await db.outboxEvent.count({ where: { handledAt: null } })).toBe(0);
	});

	it('tells everyone on a shift that moved (not for details only), and those on a cancelled one', async () => {
		const { shift, en, zh } = await scene();
		await assign(shift.id, en.id);
		await assign(shift.id, zh.id);
		await emit(db, 'shift.changed', { shiftId: shift.id, changes: ['details'], actorId: null });
		await consumeEvents();
		expect(await db.notice.count({ where: { userId: { in: [en.id, zh.id] } } })).toBe(0);

		await emit(db, 'shift.changed', { shiftId: shift.id, changes: ['time'], actorId: null });
		await emit(db, 'shift.cancelled', {
			shiftId: shift.id,
			userIds: [en.id, zh.id],
			startsAt: shift.startsAt.toISOString(),
			place: 'North Gate',
			actorId: null
		});
		await consumeEvents();
		const kinds = (await noticesOf(en.id)).map((notice) => [notice.kind, notice.urgency, notice.topic]);
		expect(kinds).toEqual([
			['shift.changed', 'HIGH', shiftTopic(shift.id)],
			['shift.cancelled', 'HIGH', shiftTopic(shift.id)]
		]);
		expect((await noticesOf(zh.id))[1].body).toContain('North Gate');
	});

	it('sends urgent field reports and patrol alerts to the organizers, supply news to the asker', async () => {
		const { operation, shift, post, en, organizer } = await scene();
		await emit(db, 'report.filed', {
			reportId: 'r1',
			operationId: operation.id,
			userId: en.id,
			category: 'MEDICAL',
			severity: 'LOW'
		});
		await emit(db, 'report.filed', {
			reportId: 'r2',
			operationId: operation.id,
			userId: en.id,
			category: 'MEDICAL',
			severity: 'CRITICAL'
		});
		const missing = await makeAlert({
			operationId: operation.id,
			kind: 'MISSING',
			shiftId: shift.id,
			subjectUserId: en.id,
			params: { person: en.name, place: 'North Gate', due: shift.startsAt.toISOString() }
		});
		await emit(db, 'alert.changed', { alertId: missing.id, change: 'raised', actorId: null });
		const item = await makeItem(operation.id);
		await emit(db, 'logistics.low_stock', {
			operationId: operation.id,
			itemId: item.id,
			postId: post.id,
			quantity: 3,
			minimum: 10
		});
		await emit(db, 'logistics.request_status', {
			requestId: 'q1',
			postId: post.id,
			requesterId: en.id,
			status: 'DELIVERED'
		});
		expect(await consumeEvents()).toEqual({ handled: 5, failed: 0 });
		const forOrganizer = await noticesOf(organizer.id);
		expect(forOrganizer.map((notice) => notice.kind)).toEqual([
			'report.filed',
			'alert',
			'logistics.low_stock'
		]);
		expect(forOrganizer[0].title).toBe('紧急现场报告');
		expect((await noticesOf(en.id)).map((notice) => notice.body)).toEqual([
			`The request from ${post.name} is now: Delivered.`
		]);
	});

	it('tells a person their rest pod slot is starting, in their language, with a push to their phone', async () => {
		const { operation, zh } = await scene();
		const pod = await makePod(operation.id);
		await emit(db, 'pod.slot_starting', {
			bookingId: 'b1',
			userId: zh.id,
			podId: pod.id,
			podName: pod.name,
			startsAt: '2030-05-01T02:20:00Z'
		});
		expect(await consumeEvents()).toEqual({ handled: 1, failed: 0 });
		const [notice] = await noticesOf(zh.id);
		expect(notice).toMatchObject({ kind: 'pod.slot_starting', url: '/pods', topic: 'pod:b1' });
		expect(notice.body).toContain(pod.name);
		expect(notice.body).toContain('10:20');
		expect(await db.pushDelivery.count({ where: { noticeId: notice.id } })).toBe(1);
	});

	it('acts on each event once, even when two consumers run at the same time', async () => {
		const { shift, en } = await scene();
		for (let i = 0; i < 10; i++) await emit(db, 'shift.promoted', { shiftId: shift.id, userId: en.id });
		const runs = await Promise.all([consumeEvents(), consumeEvents()]);
		expect(runs.reduce((sum, run) => sum + run.failed, 0)).toBe(0);
		expect(await db.notice.count({ where: { userId: en.id } })).toBe(10);
	});
});

describe('shift reminders', () => {
	it('reminds each person once when two instances run at the same time', async () => {
		const { operation } = await scene();
		await db.operation.update({ where: { id: operation.id }, data: { reminderMinutes: 45 } });
		const now = new Date();
		const soon = await makeShift(operation.id, { startsAt: new Date(now.getTime() + 30 * MINUTE) });
		const people = [];
		for (let i = 0; i < 12; i++) {
			const person = await makeUser();
			await assign(soon.id, person.id);
			people.push(person);
		}
		const runs = await Promise.all([remindUpcomingShifts(now), remindUpcomingShifts(now)]);
		expect(runs[0] + runs[1]).toBe(12);
		expect(await db.notice.count({ where: { userId: { in: people.map((p) => p.id) } } })).toBe(12);
	});

	it('reminds each assigned person once, the operation’s lead time before the start', async () => {
		const { operation, en, zh } = await scene();
		await db.operation.update({ where: { id: operation.id }, data: { reminderMinutes: 45 } });
		const now = new Date();
		const soon = await makeShift(operation.id, { startsAt: new Date(now.getTime() + 30 * MINUTE) });
		const later = await makeShift(operation.id, { startsAt: new Date(now.getTime() + 90 * MINUTE) });
		await assign(soon.id, en.id);
		await assign(later.id, zh.id);
		await db.assignment.create({ data: { shiftId: soon.id, userId: zh.id, status: 'WAITLISTED' } });

		expect(await remindUpcomingShifts(now)).toBe(1);
		expect(await remindUpcomingShifts(now)).toBe(0);
		const [reminder] = await noticesOf(en.id);
		expect(reminder).toMatchObject({ kind: 'shift.reminder', topic: shiftTopic(soon.id) });
		expect(await db.notice.count({ where: { userId: zh.id } })).toBe(0);

		expect(await remindUpcomingShifts(new Date(now.getTime() + 50 * MINUTE))).toBe(1);
		expect((await noticesOf(zh.id))[0].title).toBe('你的班次即将开始');
	});
});
