import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { checkpointToken } from '$lib/server/operations/checkpoint-token';
import { signToken } from '$lib/server/signing';
import { makeRoute } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { recordCheckIn } from './check-ins';

afterAll(closeLiveBus);

type Scenario = Awaited<ReturnType<typeof makePatrolScenario>>;

const MINUTE = 60_000;

function byCode(scenario: Scenario, code: string, extra: Record<string, unknown> = {}) {
	return recordCheckIn(scenario.volunteer.id, {
		id: clientId(),
		assignmentId: scenario.assignment.id,
		method: 'CODE',
		code,
		phoneTime: new Date(),
		sentAt: new Date(),
		lat: undefined,
		lng: undefined,
		accuracy: undefined,
		...extra
	});
}

function byToken(scenario: Scenario, token: string, id = clientId()) {
	return recordCheckIn(scenario.volunteer.id, {
		id,
		assignmentId: scenario.assignment.id,
		method: 'QR',
		token,
		phoneTime: new Date(),
		sentAt: new Date(),
		lat: undefined,
		lng: undefined,
		accuracy: undefined
	});
}

describe(`check-ins on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('stores a check-in once however often the phone sends it, even at the same moment', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const input = {
			id: clientId(),
			assignmentId: scenario.assignment.id,
			method: 'CODE' as const,
			code: scenario.checkpoints[0].code,
			phoneTime: new Date(),
			sentAt: new Date(),
			lat: undefined,
			lng: undefined,
			accuracy: undefined
		};
		const first = await recordCheckIn(scenario.volunteer.id, input);
		expect(first.duplicate).toBe(false);
		const retries = await Promise.all([1, 2, 3].map(() => recordCheckIn(scenario.volunteer.id, input)));
		expect(retries.map((r) => r.duplicate)).toEqual([true, true, true]);
		expect(retries[0].checkIn.id).toBe(first.checkIn.id);

		// Two different check-ins racing on one patrol both count, once each.
		await Promise.all(
			[1, 2].map((i) =>
				byCode(scenario, scenario.checkpoints[i].code, { phoneTime: new Date(Date.now() + i) })
			)
		);
		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: scenario.assignment.id } });
		expect(await db.checkIn.count({ where: { patrolId: patrol.id } })).toBe(3);
		expect(patrol.checkInCount).toBe(3);
		expect(JSON.parse(patrol.visited)).toHaveLength(3);
	});

	it("refuses someone else's id and someone else's patrol", async () => {
		const scenario = await makePatrolScenario();
		const other = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		await startScenarioPatrol(other);
		const { checkIn } = await byCode(scenario, scenario.checkpoints[0].code);
		await expect(byCode(other, other.checkpoints[0].code, { id: checkIn.id })).rejects.toMatchObject({
			code: 'patrol_id_taken',
			status: 409
		});
		await expect(
			recordCheckIn(other.volunteer.id, {
				id: clientId(),
				assignmentId: scenario.assignment.id,
				method: 'CODE',
				code: scenario.checkpoints[1].code,
				phoneTime: undefined,
				sentAt: undefined,
				lat: undefined,
				lng: undefined,
				accuracy: undefined
			})
		).rejects.toMatchObject({ code: 'forbidden', status: 403 });
	});

	it('accepts a signed QR token or a scanned poster link', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const token = checkpointToken(scenario.checkpoints[0]);
		const fromToken = await byToken(scenario, token);
		expect(fromToken.checkIn).toMatchObject({ method: 'QR', checkpointId: scenario.checkpoints[0].id });
		const fromLink = await byToken(
			scenario,
			`https://redband.example/scan/${checkpointToken(scenario.checkpoints[1])}`
		);
		expect(fromLink.checkIn).toMatchObject({ checkpointId: scenario.checkpoints[1].id, outOfOrder: false });
	});

	it('refuses a forged token, a mismatched route claim and a checkpoint of another operation', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const checkpoint = scenario.checkpoints[0];

		const genuine = checkpointToken(checkpoint);
		const [body] = genuine.split('.');
		const forged = `${body}.${Buffer.alloc(16, 7).toString('base64url')}`;
		await expect(byToken(scenario, forged)).rejects.toMatchObject({
			code: 'patrol_token_invalid',
			status: 400
		});
		const otherKey = signToken('checkpoint', { c: checkpoint.id, r: checkpoint.routeId }, 'not-our-key');
		await expect(byToken(scenario, otherKey)).rejects.toMatchObject({ code: 'patrol_token_invalid' });

		// A poster printed for this checkpoint when it was on another route: the claim names the
		// old route, so the token cannot vouch for the checkpoint's place now.
		const other = await makeRoute(scenario.operation.id);
		const stale = checkpointToken({ id: checkpoint.id, routeId: other.id });
		await expect(byToken(scenario, stale)).rejects.toMatchObject({ code: 'patrol_token_stale' });

		const elsewhere = await makePatrolScenario();
		await expect(byToken(scenario, checkpointToken(elsewhere.checkpoints[0]))).rejects.toMatchObject({
			code: 'patrol_token_other_operation',
			status: 403
		});
		expect(await db.checkIn.count({ where: { userId: scenario.volunteer.id } })).toBe(0);
	});

	it('keeps but flags a check-in at a checkpoint of another route of the same operation', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const neighbour = await makeRoute(scenario.operation.id, { checkpoints: 3 });
		await byCode(scenario, scenario.checkpoints[0].code);
		const byQr = await byToken(scenario, checkpointToken(neighbour.checkpoints[1]));
		expect(byQr.checkIn).toMatchObject({ wrongRoute: true, outOfOrder: false, routeId: neighbour.id });
		const typed = await byCode(scenario, neighbour.checkpoints[2].code.toLowerCase());
		expect(typed.checkIn).toMatchObject({ wrongRoute: true, checkpointId: neighbour.checkpoints[2].id });

		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: scenario.assignment.id } });
		// The patrol's place on its own route is unchanged by the detour.
		expect(patrol).toMatchObject({ checkInCount: 3, flaggedCount: 2, lastPosition: 1 });
	});

	it('refuses an unknown code with a message for the code field', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		await expect(byCode(scenario, 'ZZ99')).rejects.toMatchObject({
			code: 'patrol_code_unknown',
			options: { field: 'code', params: { code: 'ZZ99' } }
		});
	});

	it('flags skipping ahead and being far from the checkpoint, allowing for GPS error', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const [first, , third] = scenario.checkpoints;
		const near = await byCode(scenario, first.code, {
			lat: first.lat + 0.0005,
			lng: first.lng,
			accuracy: 10
		});
		expect(near.checkIn).toMatchObject({ far: false, outOfOrder: false });
		expect(near.checkIn.distanceMetres).toBeCloseTo(56, -1);

		const skipped = await byCode(scenario, third.code, {
			lat: third.lat + 0.003,
			lng: third.lng,
			accuracy: 50
		});
		expect(skipped.checkIn).toMatchObject({ far: true, outOfOrder: true });

		// 160 m away but the phone says its fix may be 80 m off: given the benefit of the doubt.
		const fourth = scenario.checkpoints[3];
		const fuzzy = await byCode(scenario, fourth.code, {
			lat: fourth.lat + 0.00144,
			lng: fourth.lng,
			accuracy: 80
		});
		expect(fuzzy.checkIn).toMatchObject({ far: false, outOfOrder: false });
	});

	it('keeps the time it happened, not the time it synced, and corrects a wrong phone clock', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 120 });
		await startScenarioPatrol(scenario, 100);
		const now = Date.now();
		// Checked in 90 minutes ago in a dead zone, sent now.
		const late = await byCode(scenario, scenario.checkpoints[0].code, {
			phoneTime: new Date(now - 90 * MINUTE),
			sentAt: new Date(now)
		});
		expect(Math.abs(late.checkIn.happenedAt.getTime() - (now - 90 * MINUTE))).toBeLessThan(5000);
		expect(late.checkIn.receivedAt.getTime()).toBeGreaterThanOrEqual(now - 1000);

		// A phone whose clock runs an hour behind.
		const behind = await byCode(scenario, scenario.checkpoints[1].code, {
			phoneTime: new Date(now - 70 * MINUTE),
			sentAt: new Date(now - 60 * MINUTE)
		});
		expect(behind.checkIn.clockOffsetSeconds).toBeGreaterThan(3590);
		expect(Math.abs(behind.checkIn.happenedAt.getTime() - (now - 10 * MINUTE))).toBeLessThan(5000);
	});

	it('rebuilds the summary when an older check-in arrives after a newer one', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 60 });
		await startScenarioPatrol(scenario, 50);
		const [c1, c2, c3] = scenario.checkpoints;
		const at = (minutesAgo: number) => ({
			phoneTime: new Date(Date.now() - minutesAgo * MINUTE),
			sentAt: new Date()
		});
		await byCode(scenario, c1.code, at(40));
		await byCode(scenario, c3.code, at(20));
		// From a second phone that was offline: checkpoint 2, between the two.
		const late = await byCode(scenario, c2.code, at(30));
		expect(late.checkIn.outOfOrder).toBe(false);
		const patrol = await db.patrol.findUniqueOrThrow({ where: { assignmentId: scenario.assignment.id } });
		expect(patrol).toMatchObject({ checkInCount: 3, lastCheckpointId: c3.id, lastPosition: 3 });
		expect(JSON.parse(patrol.loop)).toEqual([1, 2, 3]);
	});

	it('needs a started patrol and refuses a check-in after the patrol ended', async () => {
		const scenario = await makePatrolScenario();
		await expect(byCode(scenario, scenario.checkpoints[0].code)).rejects.toMatchObject({
			code: 'patrol_not_started',
			status: 409
		});
		await startScenarioPatrol(scenario, 10);
		await db.patrol.update({
			where: { assignmentId: scenario.assignment.id },
			data: { endedAt: new Date(Date.now() - 5 * MINUTE) }
		});
		await expect(byCode(scenario, scenario.checkpoints[0].code)).rejects.toMatchObject({
			code: 'patrol_ended'
		});
		// One made before the end (synced late) still counts.
		const before = await byCode(scenario, scenario.checkpoints[0].code, {
			phoneTime: new Date(Date.now() - 7 * MINUTE)
		});
		expect(before.duplicate).toBe(false);
	});
});
