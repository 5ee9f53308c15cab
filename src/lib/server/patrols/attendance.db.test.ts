import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeUser } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { autoEndPatrols, flagMissing, MISSING_AFTER_MINUTES, recordNoShows } from './attendance';
import { recordCheckIn } from './check-ins';
import { consumeEvents } from '../notify/from-events';
import { hoursServed } from '../shifts/mine';
import { endPatrol, startPatrol, timeServed } from './patrols';

afterAll(closeLiveBus);

const MINUTE = 60_000;
const noPosition = { lat: undefined, lng: undefined, accuracy: undefined };

describe(`starting and ending a patrol on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('marks the person present, once per assignment even from two phones at once', async () => {
		const scenario = await makePatrolScenario();
		const input = (id: string) => ({
			id,
			assignmentId: scenario.assignment.id,
			phoneTime: new Date(),
			sentAt: new Date(),
			lat: 31.19,
			lng: 121.3,
			accuracy: 12
		});
		const results = await Promise.all([
			startPatrol(scenario.volunteer.id, input(clientId())),
			startPatrol(scenario.volunteer.id, input(clientId()))
		]);
		expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
		expect(results[0].patrol.id).toBe(results[1].patrol.id);
		expect(await db.patrol.count({ where: { assignmentId: scenario.assignment.id } })).toBe(1);
		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: scenario.assignment.id } });
		expect(patrol).toMatchObject({
			startLat: 31.19,
			startLng: 121.3,
			startAccuracy: 12,
			routeId: scenario.route.id
		});
		const assignment = await db.assignment.findUniqueOrThrow({ where: { id: scenario.assignment.id } });
		expect(assignment.status).toBe('PRESENT');
	});

	it("refuses another person's assignment, a start long before the shift and one after it", async () => {
		const scenario = await makePatrolScenario();
		const stranger = await makeUser();
		const start = (userId: string, phoneTime: Date) =>
			startPatrol(userId, {
				id: clientId(),
				assignmentId: scenario.assignment.id,
				phoneTime,
				sentAt: phoneTime,
				...noPosition
			});
		await expect(start(stranger.id, new Date())).rejects.toMatchObject({ status: 403 });

		const early = await makePatrolScenario({ startedMinutesAgo: -120 });
		await expect(
			startPatrol(early.volunteer.id, {
				id: clientId(),
				assignmentId: early.assignment.id,
				phoneTime: undefined,
				sentAt: undefined,
				...noPosition
			})
		).rejects.toMatchObject({ code: 'patrol_too_early', options: { params: { minutes: 60 } } });

		const over = await makePatrolScenario({ startedMinutesAgo: 300, lengthMinutes: 240 });
		await expect(
			startPatrol(over.volunteer.id, {
				id: clientId(),
				assignmentId: over.assignment.id,
				phoneTime: undefined,
				sentAt: undefined,
				...noPosition
			})
		).rejects.toMatchObject({ code: 'patrol_shift_over', status: 409 });
		// Yet a start that happened during the shift, synced only now, is accepted.
		const late = await startPatrol(over.volunteer.id, {
			id: clientId(),
			assignmentId: over.assignment.id,
			phoneTime: new Date(Date.now() - 200 * MINUTE),
			sentAt: new Date(),
			...noPosition
		});
		expect(late.patrol.startedAt.getTime()).toBeLessThan(Date.now() - 199 * MINUTE);
	});

	it('ends with a handover note, completes the assignment and counts the actual hours', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 200 });
		await startScenarioPatrol(scenario, 190);
		await recordCheckIn(scenario.volunteer.id, {
			id: clientId(),
			assignmentId: scenario.assignment.id,
			method: 'CODE',
			code: scenario.checkpoints[0].code,
			phoneTime: new Date(Date.now() - 100 * MINUTE),
			sentAt: new Date(),
			...noPosition
		});
		const end = {
			id: clientId(),
			assignmentId: scenario.assignment.id,
			phoneTime: new Date(Date.now() - 10 * MINUTE),
			sentAt: new Date(),
			handoverNote: 'Gate 3 lock is broken; told security.',
			...noPosition
		};
		const ended = await endPatrol(scenario.volunteer.id, end);
		expect(ended.duplicate).toBe(false);
		expect(ended.patrol.dueAt).toBeNull();
		expect((await endPatrol(scenario.volunteer.id, { ...end, id: clientId() })).duplicate).toBe(true);

		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: scenario.assignment.id } });
		expect(patrol.handoverNote).toBe('Gate 3 lock is broken; told security.');
		expect((await db.assignment.findUniqueOrThrow({ where: { id: scenario.assignment.id } })).status).toBe(
			'COMPLETED'
		);
		expect(await timeServed(scenario.volunteer.id)).toEqual({ minutes: 180, shifts: 1 });
		// Home and profile count the same actual time, not the shift's length on the rota.
		expect(await hoursServed(scenario.volunteer.id)).toEqual({ hours: 3, shifts: 1 });
	});
});

describe(`attendance on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('flags someone missing once, to the leader, and clears it when they start', async () => {
		const leader = await makeUser();
		const late = await makePatrolScenario({
			startedMinutesAgo: MISSING_AFTER_MINUTES + 5,
			leaderId: leader.id
		});
		const onTime = await makePatrolScenario({ startedMinutesAgo: MISSING_AFTER_MINUTES - 5 });

		// Two app instances running the job at once raise it once.
		await Promise.all([flagMissing(), flagMissing()]);
		expect(await flagMissing()).toBe(0);
		const alerts = await db.alert.findMany({
			where: { assignmentId: { in: [late.assignment.id, onTime.assignment.id] } }
		});
		expect(alerts).toMatchObject([
			{ kind: 'MISSING', assignmentId: late.assignment.id, subjectUserId: late.volunteer.id, status: 'OPEN' }
		]);
		const events = await db.outboxEvent.findMany({ where: { topic: 'alert.changed' } });
		const payloads = events.map((e) => JSON.parse(e.payload)).filter((p) => p.alertId === alerts[0].id);
		expect(payloads).toEqual([expect.objectContaining({ change: 'raised' })]);
		// The leader is told: one notice about this alert.
		await consumeEvents();
		expect(await db.notice.count({ where: { userId: leader.id, topic: `alert:${alerts[0].id}` } })).toBe(1);

		await startScenarioPatrol(late);
		const cleared = await db.alert.findUniqueOrThrow({ where: { id: alerts[0].id } });
		expect(cleared).toMatchObject({ status: 'RESOLVED', resolvedById: null });
		expect(cleared.clearedAt).not.toBeNull();
		// Not raised again for that assignment.
		expect(await flagMissing()).toBe(0);
	});

	it('records a no-show once after the shift, and takes it back for a start that happened in time', async () => {
		const absent = await makePatrolScenario({ startedMinutesAgo: 300, lengthMinutes: 240 });
		await Promise.all([recordNoShows(), recordNoShows()]);
		await recordNoShows();
		expect((await db.assignment.findUniqueOrThrow({ where: { id: absent.assignment.id } })).status).toBe(
			'NO_SHOW'
		);
		const profile = () => db.volunteerProfile.findUniqueOrThrow({ where: { userId: absent.volunteer.id } });
		expect((await profile()).noShowCount).toBe(1);

		// Their phone had no signal all shift; the start it made two hours in arrives now.
		await startPatrol(absent.volunteer.id, {
			id: clientId(),
			assignmentId: absent.assignment.id,
			phoneTime: new Date(Date.now() - 180 * MINUTE),
			sentAt: new Date(),
			...noPosition
		});
		expect((await db.assignment.findUniqueOrThrow({ where: { id: absent.assignment.id } })).status).toBe(
			'PRESENT'
		);
		expect((await profile()).noShowCount).toBe(0);
	});

	it('ends patrols nobody ended, well after the shift, at the shift end', async () => {
		const forgotten = await makePatrolScenario({ startedMinutesAgo: 480, lengthMinutes: 240 });
		await startPatrol(forgotten.volunteer.id, {
			id: clientId(),
			assignmentId: forgotten.assignment.id,
			phoneTime: new Date(Date.now() - 470 * MINUTE),
			sentAt: new Date(),
			...noPosition
		});
		expect(await autoEndPatrols()).toBe(1);
		expect(await autoEndPatrols()).toBe(0);
		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: forgotten.assignment.id } });
		expect(patrol).toMatchObject({ autoEnded: true, endedAt: forgotten.shift.endsAt });
		expect((await timeServed(forgotten.volunteer.id)).minutes).toBe(230);
	});
});

describe('the patrol watch when the database stays busy', () => {
	it('raises the other alerts, and leaves the one that failed for the next run', async () => {
		const { raiseEach } = await import('./alerts');
		const busy = Object.assign(new Error('Operation has timed out'), { code: 'P1008' });
		const tried: string[] = [];
		const run = (failing: Set<string>) =>
			raiseEach('test', ['a', 'b', 'c'], async (item) => {
				tried.push(item);
				if (failing.has(item)) throw busy;
				return null;
			});
		await expect(run(new Set(['b']))).rejects.toThrow('test alerts: 1 left for the next run');
		expect(tried).toEqual(['a', 'b', 'c']);
		// A jammed database: after three failures the rest waits for the next run.
		tried.length = 0;
		await expect(
			raiseEach('test', ['a', 'b', 'c', 'd'], async (item) => {
				tried.push(item);
				throw busy;
			})
		).rejects.toThrow('3 left');
		expect(tried).toEqual(['a', 'b', 'c']);
	});
});
