import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeOperation, makeShift, makeUser, makeRoute } from '$test/factories';
import { consumeEvents } from '../notify/from-events';
import { saveSubscription } from '../notify/subscriptions';
import {
	acknowledgeAlert,
	alertTimeline,
	assignAlert,
	cancelAlert,
	clearAlerts,
	openAlerts,
	raiseAlert,
	resolveAlert
} from './alerts';
import { alertTopic } from './notices';

afterAll(closeLiveBus);
beforeAll(() => {
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
});

async function scene() {
	const operation = await makeOperation({ timezone: 'Asia/Shanghai' });
	const route = await makeRoute(operation.id, { checkpoints: 2 });
	const leader = await makeUser({ name: 'Lena Leader' });
	const organizer = await makeUser({ role: 'ORGANIZER', locale: 'zh' });
	const other = await makeUser({ role: 'ORGANIZER' });
	const volunteer = await makeUser({ name: 'Ana Walker' });
	const helper = await makeUser({ name: 'Hugo Helper' });
	for (const person of [leader, organizer, volunteer, helper]) {
		await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
	}
	const shift = await makeShift(operation.id, { routeId: route.id, leaderId: leader.id });
	await saveSubscription(organizer.id, {
		endpoint: `https://127.0.0.1:9/push/${organizer.id}`,
		keys: { p256dh: 'BPk', auth: 'AAAA' }
	});
	const raise = (foldKey: string, at = new Date()) =>
		raiseAlert({
			operationId: operation.id,
			kind: 'OVERDUE',
			priority: 'HIGH',
			foldKey,
			subjectUserId: volunteer.id,
			shiftId: shift.id,
			zoneId: route.zoneId,
			params: { person: volunteer.name, place: route.name, since: at.toISOString() },
			at
		});
	return { operation, route, leader, organizer, other, volunteer, helper, shift, raise };
}

describe(`alerts on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('folds repeated raises of one situation into one alert, also when raised at the same moment', async () => {
		const { raise, operation } = await scene();
		const first = await raise('overdue:p1');
		expect(first).toMatchObject({ created: true, change: 'raised' });
		const again = await Promise.all([raise('overdue:p1'), raise('overdue:p1'), raise('overdue:p1')]);
		expect(again.every((r) => !r.created && r.alert.id === first.alert.id)).toBe(true);
		const alert = await db.alert.findUniqueOrThrow({ where: { id: first.alert.id } });
		expect(alert.count).toBe(4);
		expect(await db.alert.count({ where: { operationId: operation.id } })).toBe(1);
		// Two new situations raised at once by two instances still make one alert each.
		await Promise.all([raise('overdue:p2'), raise('overdue:p2')]);
		expect(await db.alert.count({ where: { foldKey: 'overdue:p2' } })).toBe(1);
		const kinds = (await db.alertEvent.findMany({ where: { alertId: alert.id } })).map((e) => e.kind);
		expect(kinds.sort()).toEqual(['folded', 'folded', 'folded', 'raised']);
	});

	it('is acknowledged, assigned and resolved with a note by those who may, once each', async () => {
		const { raise, leader, organizer, other, helper, volunteer } = await scene();
		const { alert } = await raise('overdue:p3');

		// A stranger (an organizer of another operation, the person it is about) cannot see it.
		await expect(acknowledgeAlert(other, alert.id)).rejects.toMatchObject({ status: 404 });
		await expect(acknowledgeAlert(volunteer, alert.id)).rejects.toMatchObject({ status: 404 });

		expect((await acknowledgeAlert(leader, alert.id)).changed).toBe(true);
		expect((await acknowledgeAlert(organizer, alert.id)).changed).toBe(false);
		const acknowledged = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
		expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedById: leader.id });

		await expect(assignAlert(organizer, alert.id, 'nobody')).rejects.toMatchObject({ status: 404 });
		expect((await assignAlert(organizer, alert.id, helper.id)).changed).toBe(true);
		expect((await assignAlert(organizer, alert.id, helper.id)).changed).toBe(false);

		// The assignee may now handle it, and resolves it.
		const resolved = await resolveAlert(helper, alert.id, 'Found her at the gate, phone flat.');
		expect(resolved.alert).toMatchObject({
			status: 'RESOLVED',
			resolvedById: helper.id,
			resolutionNote: 'Found her at the gate, phone flat.',
			openKey: null
		});
		expect((await resolveAlert(organizer, alert.id, 'again')).changed).toBe(false);
		await expect(assignAlert(organizer, alert.id, leader.id)).rejects.toMatchObject({ status: 409 });

		const { events } = await alertTimeline(organizer, alert.id);
		expect(events.map((e) => [e.kind, e.actor])).toEqual([
			['raised', null],
			['acknowledged', leader.name],
			['assigned', organizer.name],
			['resolved', helper.name]
		]);
		// Raised again after a person resolved it: a new alert.
		expect((await raise('overdue:p3')).created).toBe(true);
	});

	it('keeps one inbox notice per alert and person, rewritten in place, pushed only when it needs eyes', async () => {
		const { raise, organizer, leader, volunteer } = await scene();
		const { alert } = await raise('overdue:p4', new Date('2030-05-01T13:40:00Z'));
		await consumeEvents();
		for (let i = 0; i < 4; i++) await raise('overdue:p4', new Date('2030-05-01T13:40:00Z'));
		await consumeEvents();

		const topic = alertTopic(alert.id);
		const forOrganizer = await db.notice.findMany({ where: { userId: organizer.id, topic } });
		expect(forOrganizer).toHaveLength(1);
		expect(forOrganizer[0].title).toBe('巡逻超时');
		expect(forOrganizer[0].body).toContain('Ana Walker');
		expect(forOrganizer[0].body).toContain('21:40');
		expect(forOrganizer[0].body).toContain('5');
		expect(await db.notice.count({ where: { userId: leader.id, topic } })).toBe(1);
		// Not to the person it is about.
		expect(await db.notice.count({ where: { userId: volunteer.id, topic } })).toBe(0);
		// Raised once, folded four times: one push.
		expect(await db.pushDelivery.count({ where: { noticeId: forOrganizer[0].id } })).toBe(1);

		await clearAlerts({ foldKey: 'overdue:p4' }, 'checked_in');
		await raiseAlert({
			operationId: alert.operationId,
			kind: 'OVERDUE',
			priority: 'HIGH',
			foldKey: 'overdue:p4',
			reopen: true,
			shiftId: alert.shiftId,
			params: {}
		});
		await consumeEvents();
		// Reopened: the same notice, pushed again (a round of its own).
		expect(await db.notice.count({ where: { userId: organizer.id, topic } })).toBe(1);
		expect(await db.pushDelivery.count({ where: { noticeId: forOrganizer[0].id } })).toBe(2);

		await resolveAlert(leader, alert.id, 'Spoke to her.');
		await consumeEvents();
		const closed = await db.notice.findFirstOrThrow({ where: { userId: organizer.id, topic } });
		expect(closed.title).toBe('已解决：巡逻超时');
		expect(await db.pushDelivery.count({ where: { noticeId: closed.id } })).toBe(2);
	});

	it('lists open alerts first, by priority, with counts per kind', async () => {
		const { operation, organizer, shift } = await scene();
		const base = { operationId: operation.id, shiftId: shift.id, params: {} };
		const normal = await raiseAlert({ ...base, kind: 'BLIND_SPOT', foldKey: 'b:1' });
		const taken = await raiseAlert({ ...base, kind: 'OVERDUE', priority: 'CRITICAL', foldKey: 'o:1' });
		const high = await raiseAlert({ ...base, kind: 'MISSING', priority: 'HIGH', foldKey: 'm:1' });
		const done = await raiseAlert({ ...base, kind: 'MISSING', priority: 'HIGH', foldKey: 'm:2' });
		await acknowledgeAlert(organizer, taken.alert.id);
		await cancelAlert(organizer, done.alert.id, 'Was on leave');

		const list = await openAlerts(operation.id);
		expect(list.alerts.map((a) => a.id)).toEqual([high.alert.id, normal.alert.id, taken.alert.id]);
		expect(list.counts).toEqual({ BLIND_SPOT: 1, OVERDUE: 1, MISSING: 1 });
		expect(list).toMatchObject({ total: 3, open: 2 });
	});
});
