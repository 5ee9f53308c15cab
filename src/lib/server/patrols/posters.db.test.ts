import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { checkpointToken } from '$lib/server/operations/checkpoint-token';
import { makeUser } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { recordCheckIn } from './check-ins';
import { readFlags } from './evidence';
import { replacePosters } from './route-settings';

afterAll(closeLiveBus);

const MINUTE = 60_000;

describe(`withdrawn posters on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('refuses an old poster scanned after the re-print, keeps one scanned offline before it', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const s = await makePatrolScenario({ startedMinutesAgo: 40 });
		const patrol = await startScenarioPatrol(s, 30);
		const [first, second, third] = s.checkpoints;
		const oldPoster = (checkpoint: typeof first) => checkpointToken(checkpoint);
		const scan = (token: string, minutesAgo: number) =>
			recordCheckIn(s.volunteer.id, {
				id: clientId(),
				assignmentId: s.assignment.id,
				method: 'QR',
				token,
				phoneTime: new Date(Date.now() - minutesAgo * MINUTE),
				sentAt: new Date(),
				lat: undefined,
				lng: undefined,
				accuracy: undefined
			});

		const replaced = await replacePosters(
			organizer.id,
			s.operation.id,
			s.route.id,
			new Date(Date.now() - 5 * MINUTE)
		);
		expect(replaced.posterVersion).toBe(2);

		// A photo of the old poster, scanned now: refused, and the leader sees the attempt.
		await expect(scan(oldPoster(first), 0)).rejects.toMatchObject({
			code: 'patrol_poster_replaced',
			status: 410
		});
		const doubt = await db.alert.findFirstOrThrow({ where: { patrolId: patrol.id } });
		expect(doubt.kind).toBe('IMPLAUSIBLE_CHECK_IN');
		expect(JSON.parse(doubt.params).reasons).toEqual(['withdrawn_poster']);

		// Scanned 8 minutes ago, before the re-print, on a phone without signal: it counts.
		const offline = await scan(oldPoster(second), 8);
		expect(offline.checkIn.posterVersion).toBe(1);
		expect(readFlags(offline.checkIn.flags)).toEqual([]);
		expect((await db.checkpoint.findUniqueOrThrow({ where: { id: second.id } })).lastVisitAt).not.toBeNull();

		// The new poster works.
		const fresh = await scan(checkpointToken({ ...third, posterVersion: 2 }), 0);
		expect(fresh.checkIn.posterVersion).toBe(2);
		expect(await db.checkIn.count({ where: { patrolId: patrol.id } })).toBe(2);
		expect(
			await db.auditEntry.count({ where: { subjectId: s.route.id, action: 'route.posters_replaced' } })
		).toBe(1);
	});
});
