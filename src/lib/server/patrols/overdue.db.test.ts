import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus, subscribe } from '$lib/server/live/bus';
import { makeUser } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { coverageChannel } from './channels';
import { recordCheckIn } from './check-ins';
import { raiseOverdueAlerts } from './overdue';

afterAll(closeLiveBus);

const MINUTE = 60_000;

describe(`overdue patrols on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('alerts once when the expected interval passes, clears on the next check-in, and reopens the same alert when it goes quiet again', async () => {
		const leader = await makeUser();
		const scenario = await makePatrolScenario({
			startedMinutesAgo: 60,
			intervalMinutes: 15,
			leaderId: leader.id
		});
		const quiet = await startScenarioPatrol(scenario, 20);
		const onTime = await makePatrolScenario({ startedMinutesAgo: 60, intervalMinutes: 15 });
		await startScenarioPatrol(onTime, 10);

		const notices: unknown[] = [];
		const unsubscribe = await subscribe(coverageChannel(scenario.operation.id), (data) => notices.push(data));
		await Promise.all([raiseOverdueAlerts(), raiseOverdueAlerts()]);
		expect(await raiseOverdueAlerts()).toBe(0);

		const alerts = await db.alert.findMany({
			where: { shiftId: { in: [scenario.shift.id, onTime.shift.id] } }
		});
		expect(alerts).toMatchObject([
			{ kind: 'OVERDUE', patrolId: quiet.id, subjectUserId: scenario.volunteer.id, status: 'OPEN', count: 1 }
		]);
		const events = (await db.outboxEvent.findMany({ where: { topic: 'alert.changed' } }))
			.map((e) => JSON.parse(e.payload))
			.filter((p) => p.alertId === alerts[0].id);
		expect(events).toEqual([expect.objectContaining({ change: 'raised' })]);
		await expect.poll(() => notices.length).toBeGreaterThan(0);
		unsubscribe();

		// Back on the route: the alert clears, and going quiet again is a new alert.
		await recordCheckIn(scenario.volunteer.id, {
			id: clientId(),
			assignmentId: scenario.assignment.id,
			method: 'CODE',
			code: scenario.checkpoints[0].code,
			phoneTime: new Date(),
			sentAt: new Date(),
			lat: undefined,
			lng: undefined,
			accuracy: undefined
		});
		const cleared = await db.alert.findUniqueOrThrow({ where: { id: alerts[0].id } });
		expect(cleared.status).toBe('RESOLVED');
		expect(cleared.clearedAt).not.toBeNull();
		expect(await raiseOverdueAlerts()).toBe(0);
		// 16 minutes on, both are overdue: this one again (the same alert, reopened), and the other.
		expect(await raiseOverdueAlerts(new Date(Date.now() + 16 * MINUTE))).toBe(2);
		expect(await db.alert.findMany({ where: { patrolId: quiet.id } })).toMatchObject([
			{ id: alerts[0].id, status: 'OPEN', count: 2, clearedAt: null }
		]);
	});

	it('keeps the alert when a check-in synced late still leaves the patrol overdue', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 90, intervalMinutes: 15 });
		const patrol = await startScenarioPatrol(scenario, 80);
		expect(await raiseOverdueAlerts()).toBe(1);
		await recordCheckIn(scenario.volunteer.id, {
			id: clientId(),
			assignmentId: scenario.assignment.id,
			method: 'CODE',
			code: scenario.checkpoints[0].code,
			phoneTime: new Date(Date.now() - 60 * MINUTE),
			sentAt: new Date(),
			lat: undefined,
			lng: undefined,
			accuracy: undefined
		});
		expect(await db.alert.count({ where: { patrolId: patrol.id, kind: 'OVERDUE', status: 'OPEN' } })).toBe(1);
		expect(await raiseOverdueAlerts()).toBe(0);
	});

	it('does not alert for a patrol past its shift end, or one that has ended', async () => {
		const over = await makePatrolScenario({
			startedMinutesAgo: 300,
			lengthMinutes: 240,
			intervalMinutes: 15
		});
		await db.patrol.create({
			data: {
				clientId: clientId(),
				assignmentId: over.assignment.id,
				shiftId: over.shift.id,
				userId: over.volunteer.id,
				routeId: over.route.id,
				operationId: over.operation.id,
				startedAt: over.shift.startsAt,
				startedPhoneTime: over.shift.startsAt,
				startedReceivedAt: over.shift.startsAt,
				dueAt: new Date(over.shift.startsAt.getTime() + 15 * MINUTE)
			}
		});
		expect(await raiseOverdueAlerts()).toBe(0);
	});
});
