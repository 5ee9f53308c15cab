// A shift leader's view: the people on the shifts they lead around now, whether each has started,
// where their patrol is, and the open alerts about them. Leader rights cover these shifts only.
import { db } from '../db';
import { openAlerts } from './alerts';

const HOUR = 60 * 60_000;

/** The shifts a leader's view is about: those running within an hour of now. */
const ledAround = (leaderId: string, now: Date) => ({
	leaderId,
	startsAt: { lte: new Date(now.getTime() + HOUR) },
	endsAt: { gt: new Date(now.getTime() - HOUR) }
});

export async function ledShiftsAround(userId: string, now = new Date()) {
	const shifts = await db.shift.findMany({ where: ledAround(userId, now), select: { id: true } });
	const alerts = shifts.length
		? await db.patrolAlert.count({ where: { shiftId: { in: shifts.map((s) => s.id) }, clearedAt: null } })
		: 0;
	return { shifts: shifts.length, alerts };
}

export async function teamView(leaderId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: ledAround(leaderId, now),
		orderBy: { startsAt: 'asc' },
		select: {
			id: true,
			title: true,
			startsAt: true,
			endsAt: true,
			operation: { select: { timezone: true } },
			route: { select: { name: true, _count: { select: { checkpoints: true } } } },
			post: { select: { name: true } },
			assignments: {
				where: { status: { in: ['ASSIGNED', 'PRESENT', 'NO_SHOW', 'COMPLETED'] } },
				orderBy: { user: { name: 'asc' } },
				select: {
					id: true,
					status: true,
					user: { select: { name: true, phone: true } },
					patrol: {
						select: {
							id: true,
							startedAt: true,
							endedAt: true,
							autoEnded: true,
							handoverNote: true,
							lastCheckInAt: true,
							lastCheckpointId: true,
							visited: true,
							checkInCount: true,
							flaggedCount: true,
							dueAt: true
						}
					}
				}
			}
		}
	});
	const lastIds = shifts.flatMap((s) => s.assignments.map((a) => a.patrol?.lastCheckpointId ?? []).flat());
	const names = new Map(
		(await db.checkpoint.findMany({ where: { id: { in: lastIds } }, select: { id: true, name: true } })).map(
			(c) => [c.id, c.name]
		)
	);
	const alerts = shifts.length ? await openAlerts({ shiftId: { in: shifts.map((s) => s.id) } }, 200) : [];
	return shifts.map((shift) => ({
		id: shift.id,
		place: shift.route?.name ?? shift.post?.name ?? shift.title ?? '',
		startsAt: shift.startsAt,
		endsAt: shift.endsAt,
		timezone: shift.operation.timezone,
		checkpoints: shift.route?._count.checkpoints ?? 0,
		alerts: alerts.filter((a) => a.shiftId === shift.id),
		members: shift.assignments.map(({ patrol, ...assignment }) => ({
			assignmentId: assignment.id,
			status: assignment.status,
			name: assignment.user.name,
			phone: assignment.user.phone,
			patrol: patrol && {
				startedAt: patrol.startedAt,
				endedAt: patrol.endedAt,
				autoEnded: patrol.autoEnded,
				handoverNote: patrol.handoverNote,
				lastCheckInAt: patrol.lastCheckInAt,
				lastCheckpoint: patrol.lastCheckpointId ? (names.get(patrol.lastCheckpointId) ?? null) : null,
				visitedCount: (JSON.parse(patrol.visited) as string[]).length,
				checkInCount: patrol.checkInCount,
				flaggedCount: patrol.flaggedCount,
				dueAt: patrol.dueAt
			}
		}))
	}));
}

export type TeamShift = Awaited<ReturnType<typeof teamView>>[number];
