// The patrol watch's alerts, on the alert core (../alerts): someone missing, a patrol gone quiet.
// One alert per situation: a patrol that goes quiet again after checking in reopens its alert
// (count goes up) instead of adding one, and the alert clears by itself when the person starts
// or checks in again.
import { db, isBusy, isUniqueViolation, type Tx } from '../db';
import { announceAlerts, raiseAlertIn, type RaiseResult } from '../alerts/alerts';

interface AlertInput {
	operationId: string;
	shiftId: string;
	assignmentId: string;
	userId: string;
	dueAt: Date;
}

export const missingKey = (assignmentId: string) => `missing:${assignmentId}`;
export const overdueKey = (patrolId: string) => `overdue:${patrolId}`;

/** What the alert's message needs: the person and the place, as they were when it was raised. */
async function names(input: { userId: string; shiftId: string }) {
	const [person, shift] = await Promise.all([
		db.user.findUnique({ where: { id: input.userId }, select: { name: true } }),
		db.shift.findUnique({
			where: { id: input.shiftId },
			select: {
				title: true,
				route: { select: { name: true, zoneId: true } },
				post: { select: { name: true, zoneId: true } }
			}
		})
	]);
	return {
		person: person?.name ?? '',
		place: shift?.route?.name ?? shift?.post?.name ?? shift?.title ?? '',
		zoneId: shift?.route?.zoneId ?? shift?.post?.zoneId ?? null
	};
}

const BUSY_RETRIES = 3;

/**
 * The alert raised, or null when another app instance got there first. A short transaction (the
 * names are read before it); a busy database is tried again a few times before giving up, and
 * what is not raised stays due for the watch's next run (the transaction changed nothing).
 */
async function raise(work: (tx: Tx) => Promise<RaiseResult | null>): Promise<RaiseResult | null> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.$transaction(work);
		} catch (error) {
			if (isUniqueViolation(error)) return null;
			if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
		}
	}
}

export async function raiseMissing(input: AlertInput): Promise<RaiseResult | null> {
	const { person, place, zoneId } = await names(input);
	return raise(async (tx) => {
		// Once per assignment: a missing alert a person resolved is not raised again by the watch.
		const earlier = await tx.alert.count({ where: { assignmentId: input.assignmentId, kind: 'MISSING' } });
		if (earlier) return null;
		return raiseAlertIn(tx, {
			operationId: input.operationId,
			kind: 'MISSING',
			priority: 'HIGH',
			foldKey: missingKey(input.assignmentId),
			subjectUserId: input.userId,
			assignmentId: input.assignmentId,
			shiftId: input.shiftId,
			zoneId,
			at: new Date(),
			params: { person, place, due: input.dueAt.toISOString() }
		});
	});
}

export async function raiseOverdue(
	input: AlertInput & {
		patrolId: string;
		routeId: string | null;
		startedAt: Date;
		lastCheckInAt: Date | null;
	}
): Promise<RaiseResult | null> {
	const { person, place, zoneId } = await names(input);
	return raise(async (tx) => {
		// Claims this overdue spell of the patrol: unchanged since we read it, not yet alerted.
		const claimed = await tx.patrol.updateMany({
			where: { id: input.patrolId, overdueAlerted: false, dueAt: input.dueAt, endedAt: null },
			data: { overdueAlerted: true }
		});
		if (claimed.count === 0) return null;
		return raiseAlertIn(tx, {
			operationId: input.operationId,
			kind: 'OVERDUE',
			priority: 'HIGH',
			foldKey: overdueKey(input.patrolId),
			reopen: true,
			subjectUserId: input.userId,
			patrolId: input.patrolId,
			assignmentId: input.assignmentId,
			shiftId: input.shiftId,
			zoneId,
			params: {
				person,
				place,
				since: (input.lastCheckInAt ?? input.startedAt).toISOString(),
				due: input.dueAt.toISOString()
			}
		});
	});
}

type RaisedAlert = RaiseResult['alert'];

/** Failures in one run after which the rest waits for the next run (the database is jammed). */
const GIVE_UP_AFTER = 3;

/**
 * Raises the watch's alerts one short transaction each. One that fails (the database stayed
 * busy) is logged and left due, so the next run raises it; the others still go out, and every
 * alert raised is announced on the live board even when a later one failed. Throws the first
 * failure at the end so the job logs it. Returns how many were raised.
 */
export async function raiseEach<T>(
	what: string,
	items: T[],
	raiseOne: (item: T) => Promise<RaisedAlert | null>
): Promise<number> {
	const raised: RaisedAlert[] = [];
	const failures: unknown[] = [];
	try {
		for (const item of items) {
			if (failures.length >= GIVE_UP_AFTER) break;
			try {
				const alert = await raiseOne(item);
				if (alert) raised.push(alert);
			} catch (error) {
				failures.push(error);
			}
		}
	} finally {
		await announceAlerts(raised);
	}
	if (failures.length)
		throw new AggregateError(failures, `${what} alerts: ${failures.length} left for the next run`);
	return raised.length;
}
