// Starting and ending a patrol. One patrol per assignment: starting marks the person present,
// ending completes the assignment; hours served run from the actual start to the actual end.
// Both arrive from the phone's outbox, possibly late and more than once: a retry, or a second
// phone, finds what the first request made and changes nothing.
import { EARLY_START_MINUTES } from '$lib/patrol-view';
import { positionOf, type EndPatrolInput, type StartPatrolInput } from '$lib/schemas/patrol';
import { announceAlerts, clearAlertsIn } from '../alerts/alerts';
import { db, isUniqueViolation, type Tx } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { publish } from '../live/bus';
import { coverageChannel, teamChannel } from './channels';
import { markedMinutes } from './marks';
import { honestTime } from './times';

const MINUTE = 60_000;

export const patrolSummarySelect = {
	id: true,
	assignmentId: true,
	userId: true,
	shiftId: true,
	routeId: true,
	operationId: true,
	startedAt: true,
	endedAt: true,
	checkInCount: true,
	flaggedCount: true,
	lastCheckInAt: true,
	lastCheckpointId: true,
	lastPosition: true,
	visited: true,
	loop: true,
	dueAt: true,
	overdueAlerted: true
} as const;

/** The caller's patrol on an assignment; explains why when there is none. */
export async function patrolOf(userId: string, assignmentId: string) {
	const patrol = await db.patrol.findUnique({ where: { assignmentId }, select: patrolSummarySelect });
	if (patrol) {
		if (patrol.userId !== userId) throw new ForbiddenError();
		return patrol;
	}
	const assignment = await db.assignment.findUnique({
		where: { id: assignmentId },
		select: { userId: true }
	});
	if (!assignment) throw new NotFoundError('patrol_assignment');
	if (assignment.userId !== userId) throw new ForbiddenError();
	throw new DomainError('patrol_not_started', { status: 409 });
}

/** Tells the boards that show this patrol to reload. A lost notice must not fail the request. */
export async function announcePatrol(patrol: { operationId: string; shiftId: string; id: string }) {
	try {
		await publish(coverageChannel(patrol.operationId), { patrolId: patrol.id });
		await publish(teamChannel(patrol.shiftId), { patrolId: patrol.id });
	} catch (error) {
		console.error('[patrols] live notice failed', error);
	}
}

export async function startPatrol(userId: string, input: StartPatrolInput, receivedAt = new Date()) {
	const again = await db.patrol.findUnique({ where: { clientId: input.id } });
	if (again) {
		if (again.userId !== userId) throw new DomainError('patrol_id_taken', { status: 409 });
		return { patrol: again, duplicate: true };
	}
	const assignment = await db.assignment.findUnique({
		where: { id: input.assignmentId },
		select: {
			id: true,
			userId: true,
			status: true,
			shift: {
				select: {
					id: true,
					operationId: true,
					routeId: true,
					startsAt: true,
					endsAt: true,
					route: { select: { expectedIntervalMinutes: true } }
				}
			}
		}
	});
	if (!assignment) throw new NotFoundError('patrol_assignment');
	if (assignment.userId !== userId) throw new ForbiddenError();
	// Started already, from another phone or by a request whose answer never arrived.
	const existing = await db.patrol.findUnique({ where: { assignmentId: assignment.id } });
	if (existing) return { patrol: existing, duplicate: true };
	if (assignment.status === 'WAITLISTED' || assignment.status === 'DROPPED') {
		throw new DomainError('patrol_assignment_inactive', { status: 409 });
	}

	const { shift } = assignment;
	const time = honestTime(input, receivedAt);
	if (time.happenedAt.getTime() < shift.startsAt.getTime() - EARLY_START_MINUTES * MINUTE) {
		throw new DomainError('patrol_too_early', { status: 409, params: { minutes: EARLY_START_MINUTES } });
	}
	if (time.happenedAt >= shift.endsAt) throw new DomainError('patrol_shift_over', { status: 409 });

	const position = positionOf(input);
	const interval = shift.route?.expectedIntervalMinutes;
	let patrol;
	let cleared: { operationId: string; shiftId: string | null }[] = [];
	try {
		patrol = await db.$transaction(async (tx) => {
			const created = await tx.patrol.create({
				data: {
					clientId: input.id,
					assignmentId: assignment.id,
					shiftId: shift.id,
					userId,
					routeId: shift.routeId,
					operationId: shift.operationId,
					startedAt: time.happenedAt,
					startedPhoneTime: time.phoneTime,
					startedReceivedAt: time.receivedAt,
					clockOffsetSeconds: time.clockOffsetSeconds,
					startLat: position?.lat,
					startLng: position?.lng,
					startAccuracy: position?.accuracy,
					dueAt: interval ? new Date(time.happenedAt.getTime() + interval * MINUTE) : null
				}
			});
			await markPresent(tx, assignment.id, userId);
			cleared = await clearAlertsIn(
				tx,
				{ assignmentId: assignment.id, kinds: ['MISSING'] },
				'started',
				receivedAt
			);
			return created;
		});
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const winner = await db.patrol.findUnique({ where: { assignmentId: assignment.id } });
		if (!winner) throw error;
		return { patrol: winner, duplicate: true };
	}
	await announcePatrol(patrol);
	if (cleared.length) await announceAlerts(cleared);
	return { patrol, duplicate: false };
}

/**
 * Present from now on. A start that happened during the shift but reached the server after the
 * shift was written off as a no-show (a phone offline until the end) takes the no-show back.
 */
async function markPresent(tx: Tx, assignmentId: string, userId: string) {
	const revoked = await tx.assignment.updateMany({
		where: { id: assignmentId, status: 'NO_SHOW' },
		data: { status: 'PRESENT' }
	});
	if (revoked.count) {
		await tx.volunteerProfile.updateMany({
			where: { userId, noShowCount: { gt: 0 } },
			data: { noShowCount: { decrement: 1 } }
		});
	}
	await tx.assignment.updateMany({
		where: { id: assignmentId, status: 'ASSIGNED' },
		data: { status: 'PRESENT' }
	});
}

export async function endPatrol(userId: string, input: EndPatrolInput, receivedAt = new Date()) {
	const patrol = await patrolOf(userId, input.assignmentId);
	if (patrol.endedAt) return { patrol, duplicate: true };
	const time = honestTime(input, receivedAt);
	// An end cannot come before the start or a check-in (a phone clock changed mid-shift).
	const endedAt = new Date(
		Math.max(time.happenedAt.getTime(), patrol.startedAt.getTime(), patrol.lastCheckInAt?.getTime() ?? 0)
	);
	const position = positionOf(input);
	const ended = await db.$transaction(async (tx) => {
		const updated = await tx.patrol.updateMany({
			where: { id: patrol.id, endedAt: null },
			data: {
				endedAt,
				endedPhoneTime: time.phoneTime,
				endedReceivedAt: time.receivedAt,
				clockOffsetSeconds: time.clockOffsetSeconds,
				endLat: position?.lat,
				endLng: position?.lng,
				endAccuracy: position?.accuracy,
				handoverNote: input.handoverNote ?? null,
				dueAt: null
			}
		});
		if (updated.count === 0) return false;
		await closePatrol(tx, patrol, receivedAt);
		return true;
	});
	const current = await db.patrol.findUniqueOrThrow({
		where: { id: patrol.id },
		select: patrolSummarySelect
	});
	if (ended) await announcePatrol(current);
	return { patrol: current, duplicate: !ended };
}

/** What ending a patrol means for the assignment and its alerts (by hand or automatically). */
export async function closePatrol(tx: Tx, patrol: { id: string; assignmentId: string }, at: Date) {
	await tx.assignment.updateMany({
		where: { id: patrol.assignmentId, status: 'PRESENT' },
		data: { status: 'COMPLETED' }
	});
	// What was about the patrol's progress is over; doubtful check-ins and spot checks stay to be handled.
	await clearAlertsIn(tx, { patrolId: patrol.id, kinds: ['OVERDUE', 'MISSED_CHECKPOINT'] }, 'ended', at);
}

/**
 * Hours served: the sum of actual start to actual end over a person's ended patrols, and the time
 * a leader marked them present by hand on shifts they had no patrol for (patrols/marks.ts).
 */
export async function timeServed(
	userId: string,
	operationId?: string
): Promise<{ minutes: number; shifts: number }> {
	const patrols = await db.patrol.findMany({
		where: { userId, endedAt: { not: null }, ...(operationId ? { operationId } : {}) },
		select: { startedAt: true, endedAt: true }
	});
	const ms = patrols.reduce((sum, p) => sum + (p.endedAt!.getTime() - p.startedAt.getTime()), 0);
	const marked = await markedMinutes(userId, operationId);
	return { minutes: Math.round(ms / MINUTE) + marked.minutes, shifts: patrols.length + marked.shifts };
}
