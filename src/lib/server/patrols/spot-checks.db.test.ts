import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { checkpointToken } from '$lib/server/operations/checkpoint-token';
import { makeUser } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { consumeEvents } from '../notify/from-events';
import { recordCheckIn } from './check-ins';
import {
	declineSpotCheck,
	LATE_GRACE_MINUTES,
	listSpotChecks,
	requestSpotCheck,
	watchSpotChecks
} from './spot-checks';

afterAll(closeLiveBus);

const MINUTE = 60_000;

async function scenario() {
	const leader = await makeUser();
	const s = await makePatrolScenario({ leaderId: leader.id, startedMinutesAgo: 60 });
	const patrol = await startScenarioPatrol(s, 50);
	return { ...s, leader, patrol };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/** A QR scan with a position at checkpoint i, `minutes` from now by the phone. */
function scan(s: Scenario, i: number, minutes: number) {
	const at = new Date(Date.now() + minutes * MINUTE);
	const checkpoint = s.checkpoints[i];
	return recordCheckIn(
		s.volunteer.id,
		{
			id: clientId(),
			assignmentId: s.assignment.id,
			method: 'QR',
			token: checkpointToken(checkpoint),
			phoneTime: at,
			sentAt: at,
			lat: checkpoint.lat,
			lng: checkpoint.lng,
			accuracy: 8
		},
		new Date(at.getTime() + 1000)
	);
}

const statusOf = async (id: string) => (await db.spotCheck.findUniqueOrThrow({ where: { id } })).status;

describe(`spot checks on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('is passed on time by a QR scan with a position, and the patroller is pushed', async () => {
		const s = await scenario();
		const { spotCheck, created } = await requestSpotCheck(s.leader, s.patrol.id, 10);
		expect(created).toBe(true);
		// Asking again while it waits returns the same one.
		expect((await requestSpotCheck(s.leader, s.patrol.id, 10)).spotCheck.id).toBe(spotCheck.id);
		await consumeEvents();
		const [notice] = await db.notice.findMany({ where: { userId: s.volunteer.id, kind: 'spot_check' } });
		expect(notice).toMatchObject({ urgency: 'HIGH', url: '/patrol', title: 'Spot check' });

		// A typed code does not answer it; a scan with a position does.
		await recordCheckIn(
			s.volunteer.id,
			{
				id: clientId(),
				assignmentId: s.assignment.id,
				method: 'CODE',
				code: s.checkpoints[0].code,
				phoneTime: new Date(Date.now() + MINUTE),
				sentAt: new Date(Date.now() + MINUTE),
				lat: s.checkpoints[0].lat,
				lng: s.checkpoints[0].lng,
				accuracy: 8
			},
			new Date(Date.now() + MINUTE)
		);
		expect(await statusOf(spotCheck.id)).toBe('PENDING');
		await scan(s, 1, 4);
		expect(await statusOf(spotCheck.id)).toBe('ON_TIME');
	});

	it('is late when the scan comes after the deadline, within the grace period', async () => {
		const s = await scenario();
		const { spotCheck } = await requestSpotCheck(s.leader, s.patrol.id, 5);
		await scan(s, 0, 9);
		expect(await statusOf(spotCheck.id)).toBe('LATE');
		expect((await db.spotCheck.findUniqueOrThrow({ where: { id: spotCheck.id } })).checkInId).not.toBeNull();
	});

	it('fails when nothing comes, alerting the leader; declined with a reason is recorded; both listed', async () => {
		const s = await scenario();
		const { spotCheck } = await requestSpotCheck(s.leader, s.patrol.id, 5);
		expect((await watchSpotChecks(new Date(), () => 1)).failed).toBe(0);
		const later = new Date(Date.now() + (5 + LATE_GRACE_MINUTES + 1) * MINUTE);
		expect((await watchSpotChecks(later, () => 1)).failed).toBe(1);
		expect(await statusOf(spotCheck.id)).toBe('FAILED');
		const alert = await db.alert.findFirstOrThrow({ where: { patrolId: s.patrol.id, kind: 'SPOT_CHECK' } });
		expect(alert.priority).toBe('HIGH');
		expect(JSON.parse(alert.params).result).toBe('FAILED');
		// A scan after it failed changes nothing.
		await scan(s, 0, 17);
		expect(await statusOf(spotCheck.id)).toBe('FAILED');

		const second = (await requestSpotCheck(s.leader, s.patrol.id, 10, later)).spotCheck;
		await expect(declineSpotCheck(s.leader.id, second.id, 'not mine')).rejects.toMatchObject({ status: 404 });
		await declineSpotCheck(s.volunteer.id, second.id, 'Staying with a lost child at the gate.');
		expect(await db.spotCheck.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
			status: 'DECLINED',
			reason: 'Staying with a lost child at the gate.'
		});

		const byPerson = await listSpotChecks(s.operation.id, { userId: s.volunteer.id });
		expect(byPerson.counts).toMatchObject({ FAILED: 1, DECLINED: 1 });
		const byShift = await listSpotChecks(s.operation.id, { shiftId: s.shift.id });
		expect(byShift.checks.map((c) => c.status)).toEqual(['DECLINED', 'FAILED']);
		const byZone = await listSpotChecks(s.operation.id, { zoneId: s.route.zoneId });
		expect(byZone.checks).toHaveLength(2);
	});

	it('may be asked by the leader, the zone lead or an organizer only; random ones per operation', async () => {
		const s = await scenario();
		await expect(requestSpotCheck(await makeUser(), s.patrol.id, 10)).rejects.toMatchObject({ status: 404 });
		const lead = await makeUser();
		await db.zone.update({ where: { id: s.route.zoneId }, data: { leadId: lead.id } });
		expect((await requestSpotCheck(lead, s.patrol.id, 10)).created).toBe(true);

		const other = await scenario();
		expect((await watchSpotChecks(new Date(), () => 0)).random).toBe(0);
		await db.operation.update({ where: { id: other.operation.id }, data: { randomSpotChecks: true } });
		expect((await watchSpotChecks(new Date(), () => 0)).random).toBe(1);
		expect(await db.spotCheck.count({ where: { patrolId: other.patrol.id, requestedById: null } })).toBe(1);
		expect((await watchSpotChecks(new Date(), () => 0)).random).toBe(0);
	});
});
