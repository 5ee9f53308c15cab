// Attendance marked by hand: a shift's leader or an organizer marks someone present (no phone, a
// dead battery) or absent, with a reason; audited. A person marked present without a patrol serves
// from arrival (default the shift's start) to leaving (default its end): hours served count it.
import { mayHandle, type AlertActor } from '../alerts/alerts';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { shiftName } from '$lib/shifts/name';
import { zonedDate, zonedTime } from '$lib/time';

export interface MarkInput {
	kind: 'PRESENT' | 'ABSENT';
	reason: string;
	arrivedAt?: Date;
	leftAt?: Date;
}

const HOUR = 60 * 60_000;

/**
 * The instant a sheet's "HH:MM" (the operation's clock) means on this shift: the day the shift
 * starts, or the next day for a shift past midnight (a time more than 12 hours before the start).
 */
export function sheetTime(shift: { startsAt: Date }, time: string, timezone: string): Date {
	const at = zonedTime(zonedDate(shift.startsAt, timezone), time, timezone);
	return at.getTime() < shift.startsAt.getTime() - 12 * HOUR ? new Date(at.getTime() + 24 * HOUR) : at;
}

/** Whether `actor` keeps this shift's attendance: its leader, or an organizer of its operation. */
function mayKeep(actor: AlertActor, shift: { id: string; operationId: string }) {
	return mayHandle(actor, {
		operationId: shift.operationId,
		shiftId: shift.id,
		zoneId: null,
		assignedToId: null
	});
}

/**
 * The attendance sheet of one shift: everyone on it, how they were present (the app, a check-in,
 * marked by hand) or why not. For its leader and the organizers of its operation; 404 otherwise.
 */
export type SheetState = 'planned' | 'missing' | 'present' | 'left_early' | 'no_show' | 'absent';

/** Ended this long before the shift's end: left early. */
const EARLY_MS = 15 * 60_000;

function sheetState(
	a: { status: string; patrol: { endedAt: Date | null } | null; mark: { kind: string } | null },
	shift: { startsAt: Date; endsAt: Date },
	now: Date
): SheetState {
	if (a.mark?.kind === 'ABSENT') return 'absent';
	if (a.status === 'NO_SHOW') return 'no_show';
	if (a.patrol?.endedAt && a.patrol.endedAt.getTime() < shift.endsAt.getTime() - EARLY_MS)
		return 'left_early';
	if (a.status === 'PRESENT' || a.status === 'COMPLETED' || a.patrol) return 'present';
	return shift.startsAt <= now ? 'missing' : 'planned';
}

export async function attendanceSheet(actor: AlertActor, shiftId: string, now = new Date()) {
	const shift = await db.shift.findUnique({
		where: { id: shiftId },
		select: {
			id: true,
			operationId: true,
			title: true,
			startsAt: true,
			endsAt: true,
			leaderId: true,
			route: { select: { name: true } },
			post: { select: { name: true } },
			operation: { select: { timezone: true } },
			assignments: {
				where: { status: { in: ['ASSIGNED', 'PRESENT', 'NO_SHOW', 'COMPLETED'] } },
				orderBy: { user: { name: 'asc' } },
				select: {
					id: true,
					status: true,
					user: { select: { id: true, name: true, phone: true } },
					patrol: {
						select: { startedAt: true, endedAt: true, _count: { select: { checkIns: true } } }
					},
					mark: {
						select: {
							kind: true,
							reason: true,
							arrivedAt: true,
							leftAt: true,
							markedAt: true,
							markedById: true
						}
					}
				}
			}
		}
	});
	if (!shift || !(await mayKeep(actor, shift))) throw new NotFoundError('shift');
	const markers = new Map(
		(
			await db.user.findMany({
				where: { id: { in: shift.assignments.flatMap((a) => (a.mark ? [a.mark.markedById] : [])) } },
				select: { id: true, name: true }
			})
		).map((u) => [u.id, u.name])
	);
	return {
		id: shift.id,
		operationId: shift.operationId,
		name: shiftName(shift),
		startsAt: shift.startsAt,
		endsAt: shift.endsAt,
		timezone: shift.operation.timezone,
		people: shift.assignments.map((a) => ({
			assignmentId: a.id,
			name: a.user.name,
			phone: a.user.phone,
			isLeader: a.user.id === shift.leaderId,
			state: sheetState(a, shift, now),
			/** How they were present: a patrol with check-ins, a patrol started in the app, or by hand. */
			how:
				a.mark?.kind === 'PRESENT'
					? ('hand' as const)
					: a.patrol
						? a.patrol._count.checkIns > 0
							? ('check_in' as const)
							: ('app' as const)
						: null,
			patrol: a.patrol ? { startedAt: a.patrol.startedAt, endedAt: a.patrol.endedAt } : null,
			mark: a.mark
				? {
						kind: a.mark.kind,
						reason: a.mark.reason,
						arrivedAt: a.mark.arrivedAt,
						leftAt: a.mark.leftAt,
						markedAt: a.mark.markedAt,
						markedBy: markers.get(a.mark.markedById) ?? null
					}
				: null
		}))
	};
}

/** A mark from the sheet: times as the operation's clock reads them ("HH:MM"), empty for the shift's. */
export async function markFromSheet(
	actor: AlertActor,
	assignmentId: string,
	input: { kind: 'PRESENT' | 'ABSENT'; reason: string; arrivedAt?: string; leftAt?: string }
) {
	const found = await db.assignment.findUnique({
		where: { id: assignmentId },
		select: { shift: { select: { startsAt: true, operation: { select: { timezone: true } } } } }
	});
	if (!found) throw new NotFoundError('assignment');
	const tz = found.shift.operation.timezone;
	await markAttendance(actor, assignmentId, {
		kind: input.kind,
		reason: input.reason,
		arrivedAt: input.arrivedAt ? sheetTime(found.shift, input.arrivedAt, tz) : undefined,
		leftAt: input.leftAt ? sheetTime(found.shift, input.leftAt, tz) : undefined
	});
}

export async function markAttendance(actor: AlertActor, assignmentId: string, input: MarkInput) {
	const assignment = await db.assignment.findUnique({
		where: { id: assignmentId },
		select: {
			id: true,
			userId: true,
			status: true,
			shift: { select: { id: true, operationId: true, startsAt: true, endsAt: true } }
		}
	});
	if (!assignment || !(await mayKeep(actor, assignment.shift))) throw new NotFoundError('assignment');
	const arrivedAt = input.arrivedAt ?? assignment.shift.startsAt;
	const leftAt = input.leftAt ?? assignment.shift.endsAt;
	if (input.kind === 'PRESENT' && leftAt <= arrivedAt)
		throw new DomainError('attendance_times_order', { field: 'leftAt' });
	const data = {
		kind: input.kind,
		reason: input.reason,
		arrivedAt: input.kind === 'PRESENT' ? arrivedAt : null,
		leftAt: input.kind === 'PRESENT' ? leftAt : null,
		markedById: actor.id,
		markedAt: new Date()
	};
	await db.$transaction(async (tx) => {
		await tx.attendanceMark.upsert({
			where: { assignmentId },
			create: { assignmentId, ...data },
			update: data
		});
		if (input.kind === 'PRESENT') {
			await tx.assignment.updateMany({
				where: { id: assignmentId, status: { in: ['ASSIGNED', 'NO_SHOW'] } },
				data: { status: 'PRESENT' }
			});
		} else {
			await tx.assignment.updateMany({
				where: { id: assignmentId, status: 'ASSIGNED' },
				data: { status: 'NO_SHOW' }
			});
		}
		await audit(tx, {
			actorId: actor.id,
			action: input.kind === 'PRESENT' ? 'attendance.marked_present' : 'attendance.marked_absent',
			subjectType: 'Shift',
			subjectId: assignment.shift.id,
			operationId: assignment.shift.operationId,
			detail: { assignmentId, userId: assignment.userId, reason: input.reason, arrivedAt, leftAt }
		});
	});
}

/** Minutes served by hand-marked presence on assignments without a patrol of their own. */
export async function markedMinutes(userId: string, operationId?: string) {
	const marks = await db.attendanceMark.findMany({
		where: {
			kind: 'PRESENT',
			assignment: { userId, patrol: { is: null }, ...(operationId ? { shift: { operationId } } : {}) }
		},
		select: { arrivedAt: true, leftAt: true }
	});
	const ms = marks.reduce((sum, mark) => sum + (mark.leftAt!.getTime() - mark.arrivedAt!.getTime()), 0);
	return { minutes: Math.round(ms / 60_000), shifts: marks.length };
}
