// Patrol test data: an operation with a route shift running now and a volunteer on it.
import { randomUUID } from 'node:crypto';
import { db } from '$lib/server/db';
import { startPatrol } from '$lib/server/patrols/patrols';
import { assign, makeOperation, makeRoute, makeShift, makeUser } from './factories';

const MINUTE = 60_000;

export async function makePatrolScenario(
	options: {
		startedMinutesAgo?: number;
		lengthMinutes?: number;
		checkpoints?: number;
		intervalMinutes?: number;
		operationId?: string;
		zoneId?: string;
		leaderId?: string;
	} = {}
) {
	const operation = options.operationId
		? await db.operation.findUniqueOrThrow({ where: { id: options.operationId } })
		: await makeOperation();
	const route = await makeRoute(operation.id, {
		zoneId: options.zoneId,
		checkpoints: options.checkpoints ?? 5
	});
	if (options.intervalMinutes) {
		await db.route.update({
			where: { id: route.id },
			data: { expectedIntervalMinutes: options.intervalMinutes }
		});
	}
	const startsAt = new Date(Date.now() - (options.startedMinutesAgo ?? 30) * MINUTE);
	const shift = await makeShift(operation.id, {
		routeId: route.id,
		startsAt,
		endsAt: new Date(startsAt.getTime() + (options.lengthMinutes ?? 240) * MINUTE),
		leaderId: options.leaderId
	});
	const volunteer = await makeUser();
	const assignment = await assign(shift.id, volunteer.id);
	return { operation, route, checkpoints: route.checkpoints, shift, volunteer, assignment };
}

export const clientId = () => randomUUID();

/** Starts the scenario's patrol `minutesAgo` minutes ago (by a phone with a right clock). */
export async function startScenarioPatrol(
	scenario: Awaited<ReturnType<typeof makePatrolScenario>>,
	minutesAgo = 0
) {
	const at = new Date(Date.now() - minutesAgo * MINUTE);
	const { patrol } = await startPatrol(scenario.volunteer.id, {
		id: clientId(),
		assignmentId: scenario.assignment.id,
		phoneTime: at,
		sentAt: new Date()
	});
	return patrol;
}
