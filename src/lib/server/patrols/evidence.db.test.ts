import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeUser } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { recordCheckIn } from './check-ins';
import { readFlags } from './evidence';
import { reviewFlag } from './flags';

afterAll(closeLiveBus);

const MINUTE = 60_000;
type Scenario = Awaited<ReturnType<typeof makePatrolScenario>>;

async function scenario(requirePosition = true) {
	const leader = await makeUser();
	const s = await makePatrolScenario({ checkpoints: 6, startedMinutesAgo: 60, leaderId: leader.id });
	await db.route.update({ where: { id: s.route.id }, data: { requirePosition } });
	return { ...s, leader };
}

const flagsOf = async (patrolId: string) =>
	(await db.checkIn.findMany({ where: { patrolId }, orderBy: { happenedAt: 'asc' } })).map((c) => ({
		codes: readFlags(c.flags)
			.map((f) => f.code)
			.sort(),
		doubtful: c.doubtful
	}));

/** Typed codes for every checkpoint, "9 minutes apart" by the phone, all sent within a second. */
async function replayFromHome(s: Scenario) {
	const now = Date.now();
	for (const [i, checkpoint] of s.checkpoints.entries()) {
		await recordCheckIn(
			s.volunteer.id,
			{
				id: clientId(),
				assignmentId: s.assignment.id,
				method: 'CODE',
				code: checkpoint.code,
				phoneTime: new Date(now - (45 - i * 9) * MINUTE),
				sentAt: new Date(now + i * 150),
				lat: undefined,
				lng: undefined,
				accuracy: undefined
			},
			new Date(now + i * 150)
		);
	}
}

describe(`presence evidence on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('flags the from-home replay on every count it breaks, and tells the leader once', async () => {
		const s = await scenario();
		const patrol = await startScenarioPatrol(s, 50);
		await replayFromHome(s);

		const flags = await flagsOf(patrol.id);
		expect(flags).toHaveLength(6);
		// Every one arrived in the burst and had no position; the two oldest also came long after.
		expect(flags.map((f) => f.codes)).toEqual([
			['burst', 'late_sync', 'no_position'],
			['burst', 'late_sync', 'no_position'],
			['burst', 'no_position'],
			['burst', 'no_position'],
			['burst', 'no_position'],
			['burst', 'no_position']
		]);
		expect(flags.every((f) => f.doubtful)).toBe(true);

		// None of it counts as a visit; each shows as a doubtful one.
		const checkpoints = await db.checkpoint.findMany({ where: { routeId: s.route.id } });
		expect(checkpoints.every((c) => c.lastVisitAt === null && c.lastDoubtfulAt !== null)).toBe(true);

		const alerts = await db.alert.findMany({ where: { patrolId: patrol.id } });
		expect(alerts).toMatchObject([{ kind: 'IMPLAUSIBLE_CHECK_IN', count: 6, subjectUserId: s.volunteer.id }]);
		expect(JSON.parse(alerts[0].params).reasons).toContain('burst');
		expect((await db.patrol.findUniqueOrThrow({ where: { id: patrol.id } })).flaggedCount).toBeGreaterThan(0);
	});

	it('flags check-ins claimed before the patrol began, and faster than walking', async () => {
		const s = await scenario(false);
		const patrol = await startScenarioPatrol(s, 0);
		const now = Date.now();
		// Checkpoint i at `minutes` from now by the phone, arriving at `arrives`.
		const send = (i: number, minutes: number, arrives: number) =>
			recordCheckIn(
				s.volunteer.id,
				{
					id: clientId(),
					assignmentId: s.assignment.id,
					method: 'CODE',
					code: s.checkpoints[i].code,
					phoneTime: new Date(now + minutes * MINUTE),
					sentAt: new Date(now + arrives * MINUTE),
					lat: s.checkpoints[i].lat,
					lng: s.checkpoints[i].lng,
					accuracy: 10
				},
				new Date(now + arrives * MINUTE)
			);
		await send(0, -20, -1);
		await send(1, 0, 0);
		// About 580 m on in one minute: too fast for a route walked on foot.
		await send(5, 1, 1);
		const flags = await flagsOf(patrol.id);
		expect(flags.map((f) => f.codes)).toEqual([['before_start'], [], ['too_fast']]);
	});

	it('does not flag a genuine walk of the route with positions', async () => {
		const s = await scenario();
		const patrol = await startScenarioPatrol(s, 20);
		const start = Date.now() - 18 * MINUTE;
		for (const [i, checkpoint] of s.checkpoints.entries()) {
			const at = new Date(start + i * 3 * MINUTE);
			await recordCheckIn(
				s.volunteer.id,
				{
					id: clientId(),
					assignmentId: s.assignment.id,
					method: i % 2 ? 'CODE' : 'QR',
					...(i % 2
						? { code: checkpoint.code }
						: { token: (await import('../operations/checkpoint-token')).checkpointToken(checkpoint) }),
					phoneTime: at,
					sentAt: new Date(at.getTime() + 1500),
					lat: checkpoint.lat + 0.00005,
					lng: checkpoint.lng - 0.00004,
					accuracy: 12
				} as Parameters<typeof recordCheckIn>[1],
				new Date(at.getTime() + 2000)
			);
		}
		const flags = await flagsOf(patrol.id);
		expect(flags.map((f) => f.codes)).toEqual([[], [], [], [], [], []]);
		expect(await db.alert.count({ where: { patrolId: patrol.id } })).toBe(0);
		const last = await db.checkpoint.findUniqueOrThrow({ where: { id: s.checkpoints[5].id } });
		expect(last.lastVisitAt?.getTime()).toBe(start + 15 * MINUTE);
		expect(
			(await db.checkIn.findFirstOrThrow({ where: { patrolId: patrol.id, method: 'QR' } })).posterVersion
		).toBe(1);
	});

	it('lets the leader dismiss a flag with a note, and then the visit counts', async () => {
		const s = await scenario();
		const patrol = await startScenarioPatrol(s, 50);
		await replayFromHome(s);
		const first = await db.checkIn.findFirstOrThrow({
			where: { patrolId: patrol.id },
			orderBy: { happenedAt: 'desc' }
		});
		const stranger = await makeUser({ role: 'ORGANIZER' });
		await expect(reviewFlag(stranger, first.id, 'DISMISSED', 'no')).rejects.toMatchObject({ status: 404 });

		await reviewFlag(
			s.leader,
			first.id,
			'DISMISSED',
			'Her phone was offline in the tunnel; I walked with her.'
		);
		const checkpoint = await db.checkpoint.findUniqueOrThrow({ where: { id: first.checkpointId! } });
		expect(checkpoint.lastVisitAt?.getTime()).toBe(first.happenedAt.getTime());
		await reviewFlag(s.leader, first.id, 'CONFIRMED', 'Actually she was at home.');
		expect(
			(await db.checkpoint.findUniqueOrThrow({ where: { id: first.checkpointId! } })).lastVisitAt
		).toBeNull();
		const entries = await db.auditEntry.findMany({
			where: { subjectId: first.id },
			orderBy: { createdAt: 'asc' }
		});
		expect(entries.map((e) => e.action)).toEqual(['check_in_flag_dismissed', 'check_in_flag_confirmed']);
	});
});
