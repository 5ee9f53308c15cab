import { afterAll, describe, expect, it } from 'vitest';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeOperation, makeZone } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { recordCheckIn } from './check-ins';
import { coverageBoard, viewBoard } from './coverage';

afterAll(closeLiveBus);

const MINUTE = 60_000;

type Scenario = Awaited<ReturnType<typeof makePatrolScenario>>;

const checkIn = (scenario: Scenario, position: number, minutesAgo: number) =>
	recordCheckIn(scenario.volunteer.id, {
		id: clientId(),
		assignmentId: scenario.assignment.id,
		method: 'CODE',
		code: scenario.checkpoints[position - 1].code,
		phoneTime: new Date(Date.now() - minutesAgo * MINUTE),
		sentAt: new Date(),
		lat: undefined,
		lng: undefined,
		accuracy: undefined
	});

describe(`the coverage board on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('shows each running patrol, zone coverage in the shift window, missed checkpoints and overdue first', async () => {
		const operation = await makeOperation();
		const north = await makeZone(operation.id, 'North');
		const south = await makeZone(operation.id, 'South');
		const quiet = await makeZone(operation.id, 'Quiet');
		const walking = await makePatrolScenario({
			operationId: operation.id,
			zoneId: north.id,
			checkpoints: 5,
			startedMinutesAgo: 60
		});
		const stalled = await makePatrolScenario({
			operationId: operation.id,
			zoneId: south.id,
			checkpoints: 4,
			startedMinutesAgo: 60,
			intervalMinutes: 15
		});
		// A route in the quiet zone with nobody on shift: a blind spot the board must show.
		await makePatrolScenario({ operationId: operation.id, zoneId: quiet.id, startedMinutesAgo: -600 });

		await startScenarioPatrol(walking, 50);
		await checkIn(walking, 1, 40);
		await checkIn(walking, 2, 30);
		await checkIn(walking, 4, 5);
		await startScenarioPatrol(stalled, 50);
		await checkIn(stalled, 1, 45);

		const now = new Date();
		const board = viewBoard(await coverageBoard(operation.id, now), {}, now);
		expect(board.totals).toMatchObject({ active: 2, overdue: 1 });
		expect(board.patrols.map((p) => p.name)).toEqual([stalled.volunteer.name, walking.volunteer.name]);
		expect(board.patrols[1]).toMatchObject({
			routeName: walking.route.name,
			zoneName: 'North',
			visitedCount: 3,
			checkpointCount: 5,
			lastCheckpoint: { position: 4 },
			missed: [{ position: 3, code: walking.checkpoints[2].code }]
		});
		expect(board.zones).toEqual([
			expect.objectContaining({ name: 'North', checkpoints: 5, visited: 3, coverage: 60, activePatrols: 1 }),
			expect.objectContaining({ name: 'Quiet', coverage: null, activePatrols: 0 }),
			expect.objectContaining({ name: 'South', checkpoints: 4, visited: 1, coverage: 25 })
		]);
		expect(board.missed).toEqual([expect.objectContaining({ name: walking.volunteer.name })]);

		expect(viewBoard(await coverageBoard(operation.id, now), { show: 'overdue' }, now).patrols).toHaveLength(
			1
		);
		expect(viewBoard(await coverageBoard(operation.id, now), { zoneId: north.id }, now).matching).toBe(1);
		const search = viewBoard(
			await coverageBoard(operation.id, now),
			{ search: stalled.route.name.toUpperCase() },
			now
		);
		expect(search.patrols.map((p) => p.name)).toEqual([stalled.volunteer.name]);
	});

	it('counts only check-ins since the shift began toward coverage', async () => {
		const operation = await makeOperation();
		const zone = await makeZone(operation.id);
		const earlier = await makePatrolScenario({
			operationId: operation.id,
			zoneId: zone.id,
			startedMinutesAgo: 300,
			lengthMinutes: 120,
			checkpoints: 4
		});
		await startScenarioPatrol(earlier, 290);
		await checkIn(earlier, 1, 280);
		await checkIn(earlier, 2, 270);
		// The next shift on the same route started 30 minutes ago.
		const { makeShift, assign, makeUser } = await import('$test/factories');
		const shift = await makeShift(operation.id, {
			routeId: earlier.route.id,
			startsAt: new Date(Date.now() - 30 * MINUTE),
			endsAt: new Date(Date.now() + 90 * MINUTE)
		});
		const volunteer = await makeUser();
		const assignment = await assign(shift.id, volunteer.id);
		const now = new Date(Date.now() + 1);
		await startScenarioPatrol({ ...earlier, shift, volunteer, assignment }, 20);
		await checkIn({ ...earlier, shift, volunteer, assignment }, 3, 10);

		const board = viewBoard(await coverageBoard(operation.id, new Date(now.getTime() + 2000)), {}, now);
		expect(board.zones[0]).toMatchObject({ checkpoints: 4, visited: 1, coverage: 25 });
	});
});
