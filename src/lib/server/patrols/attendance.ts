// Attendance follows from patrols: starting marks a person present, ending completes the shift.
// What nobody taps is handled here, on a timer: people who have not started are flagged to their
// leader as missing, then recorded as no-shows once the shift is over, and patrols nobody ended
// are closed a while after their shift.
import { db } from '../db';
import { raiseEach, raiseMissing } from './alerts';
import { announcePatrol, closePatrol } from './patrols';
import { raiseOverdueAlerts } from './overdue';
import { watchSpotChecks } from './spot-checks';

const MINUTE = 60_000;
const BATCH = 500;

/** Not started this long after the shift began: flagged as missing. */
export const MISSING_AFTER_MINUTES = Number(process.env.PATROL_MISSING_AFTER_MINUTES) || 15;
/** Still running this long after the shift ended: ended by the server. */
export const AUTO_END_AFTER_MINUTES = 120;

export async function flagMissing(now = new Date()): Promise<number> {
	const late = await db.assignment.findMany({
		where: {
			status: 'ASSIGNED',
			patrol: { is: null },
			alerts: { none: { kind: 'MISSING' } },
			shift: {
				startsAt: { lte: new Date(now.getTime() - MISSING_AFTER_MINUTES * MINUTE) },
				endsAt: { gt: now }
			}
		},
		take: BATCH,
		select: {
			id: true,
			userId: true,
			shift: { select: { id: true, operationId: true, startsAt: true } }
		}
	});
	return raiseEach(
		'missing',
		late,
		async (assignment) =>
			(
				await raiseMissing({
					operationId: assignment.shift.operationId,
					shiftId: assignment.shift.id,
					assignmentId: assignment.id,
					userId: assignment.userId,
					dueAt: assignment.shift.startsAt
				})
			)?.alert ?? null
	);
}

/** Shifts over with no start: a no-show, counted on the person's profile. */
export async function recordNoShows(now = new Date()): Promise<number> {
	const absent = await db.assignment.findMany({
		where: { status: 'ASSIGNED', patrol: { is: null }, shift: { endsAt: { lte: now } } },
		take: BATCH,
		select: { id: true, userId: true }
	});
	let recorded = 0;
	for (const assignment of absent) {
		const counted = await db.$transaction(async (tx) => {
			const changed = await tx.assignment.updateMany({
				where: { id: assignment.id, status: 'ASSIGNED' },
				data: { status: 'NO_SHOW' }
			});
			if (changed.count === 0) return false;
			await tx.volunteerProfile.upsert({
				where: { userId: assignment.userId },
				create: { userId: assignment.userId, noShowCount: 1 },
				update: { noShowCount: { increment: 1 } }
			});
			return true;
		});
		if (counted) recorded++;
	}
	return recorded;
}

/**
 * Patrols nobody ended, well after their shift: ended at the shift's end, or at the last
 * check-in if that came later, and marked as ended automatically so the leader can correct it.
 */
export async function autoEndPatrols(now = new Date()): Promise<number> {
	const forgotten = await db.patrol.findMany({
		where: {
			endedAt: null,
			assignment: { shift: { endsAt: { lte: new Date(now.getTime() - AUTO_END_AFTER_MINUTES * MINUTE) } } }
		},
		take: BATCH,
		select: {
			id: true,
			assignmentId: true,
			operationId: true,
			shiftId: true,
			startedAt: true,
			lastCheckInAt: true,
			assignment: { select: { shift: { select: { endsAt: true } } } }
		}
	});
	let ended = 0;
	for (const patrol of forgotten) {
		const endedAt = new Date(
			Math.max(
				patrol.assignment.shift.endsAt.getTime(),
				patrol.lastCheckInAt?.getTime() ?? 0,
				patrol.startedAt.getTime()
			)
		);
		const done = await db.$transaction(async (tx) => {
			const changed = await tx.patrol.updateMany({
				where: { id: patrol.id, endedAt: null },
				data: { endedAt, endedReceivedAt: now, autoEnded: true, dueAt: null }
			});
			if (changed.count === 0) return false;
			await closePatrol(tx, patrol, now);
			return true;
		});
		if (done) {
			ended++;
			await announcePatrol(patrol);
		}
	}
	return ended;
}

/** The patrol watch the background job runs every half minute. */
export async function watchPatrols(now = new Date()) {
	// Each part runs even when another failed (a busy database): an overdue patrol that could not
	// be alerted must not keep missing people from being flagged.
	const errors: unknown[] = [];
	const part = async <T>(work: () => Promise<T>): Promise<T | null> => {
		try {
			return await work();
		} catch (error) {
			errors.push(error);
			return null;
		}
	};
	const result = {
		overdue: await part(() => raiseOverdueAlerts(now)),
		missing: await part(() => flagMissing(now)),
		noShows: await part(() => recordNoShows(now)),
		autoEnded: await part(() => autoEndPatrols(now)),
		spotChecks: await part(() => watchSpotChecks(now))
	};
	if (errors.length) throw new AggregateError(errors, 'patrol watch: some work is left for the next run');
	return result;
}
