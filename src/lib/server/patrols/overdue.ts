// Patrols that have gone quiet: no check-in within the route's expected interval.
import { db } from '../db';
import { raiseEach, raiseOverdue } from './alerts';

const BATCH = 500;

/** Raises one alert per overdue spell of each running patrol; returns how many it raised. */
export async function raiseOverdueAlerts(now = new Date()): Promise<number> {
	const overdue = await db.patrol.findMany({
		where: {
			endedAt: null,
			overdueAlerted: false,
			dueAt: { lt: now },
			// Past the shift's end nobody expects check-ins; the patrol is ended automatically.
			assignment: { shift: { endsAt: { gt: now } } }
		},
		orderBy: { dueAt: 'asc' },
		take: BATCH,
		select: {
			id: true,
			operationId: true,
			shiftId: true,
			routeId: true,
			userId: true,
			assignmentId: true,
			dueAt: true,
			startedAt: true,
			lastCheckInAt: true
		}
	});
	return raiseEach(
		'overdue',
		overdue,
		async (patrol) =>
			(
				await raiseOverdue({
					patrolId: patrol.id,
					operationId: patrol.operationId,
					shiftId: patrol.shiftId,
					routeId: patrol.routeId,
					assignmentId: patrol.assignmentId,
					userId: patrol.userId,
					dueAt: patrol.dueAt!,
					startedAt: patrol.startedAt,
					lastCheckInAt: patrol.lastCheckInAt
				})
			)?.alert ?? null
	);
}
