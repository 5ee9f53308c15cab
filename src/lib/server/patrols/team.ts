// A shift leader's view: the people on the shifts they lead around now, whether each has started,
// where their patrol is, and the open alerts about them. Leader rights cover these shifts only.
import { db } from '../db';
import { ACTIVE_STATUSES, openAlertsOfShifts } from '../alerts/alerts';
import { PLACED } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';
import { flagsOfShifts } from './flags';
import { waitingSpotChecks } from './spot-checks';
import { visitMap } from './visits';

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
		? await db.alert.count({
				where: { shiftId: { in: shifts.map((s) => s.id) }, status: { in: ACTIVE_STATUSES } }
			})
		: 0;
	return { shifts: shifts.length, alerts };
}

/** A leader's screen lists the longest-unwalked checkpoints of the route, not all of them. */
const BLIND_SPOTS_SHOWN = 5;

export async function teamView(leaderId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: ledAround(leaderId, now),
		orderBy: { startsAt: 'asc' },
		select: {
			id: true,
			title: true,
			startsAt: true,
			endsAt: true,
			operationId: true,
			routeId: true,
			operation: { select: { timezone: true } },
			route: { select: { name: true, _count: { select: { checkpoints: true } } } },
			post: { select: { name: true } },
			assignments: {
				where: { status: { in: [...PLACED] } },
				orderBy: { user: { name: 'asc' } },
				select: {
					id: true,
					userId: true,
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
	const shiftIds = shifts.map((s) => s.id);
	const alerts = shifts.length ? (await openAlertsOfShifts(shiftIds, { limit: 200 })).alerts : [];
	const patrolIds = shifts.flatMap((s) => s.assignments.flatMap((a) => (a.patrol ? [a.patrol.id] : [])));
	// Blind spots of the routes walked now: the leader may send someone there (visits.ts).
	const running = shifts.filter((s) => s.routeId && s.startsAt <= now && s.endsAt > now);
	const [waiting, doubts, maps] = await Promise.all([
		waitingSpotChecks(patrolIds),
		shifts.length ? flagsOfShifts(shiftIds) : [],
		Promise.all([...new Set(running.map((s) => s.operationId))].map((id) => visitMap(id, now)))
	]);
	const blindSpots = maps.flatMap((map) => map.blindSpots);
	return shifts.map((shift) => ({
		id: shift.id,
		place: shiftName(shift),
		startsAt: shift.startsAt,
		endsAt: shift.endsAt,
		timezone: shift.operation.timezone,
		checkpoints: shift.route?._count.checkpoints ?? 0,
		alerts: alerts.filter((a) => a.shiftId === shift.id),
		doubts: doubts.filter((d) => d.shiftId === shift.id),
		blindSpots: running.includes(shift)
			? blindSpots.filter((spot) => spot.routeId === shift.routeId).slice(0, BLIND_SPOTS_SHOWN)
			: [],
		members: shift.assignments.map(({ patrol, ...assignment }) => ({
			assignmentId: assignment.id,
			userId: assignment.userId,
			status: assignment.status,
			name: assignment.user.name,
			phone: assignment.user.phone,
			patrol: patrol && {
				id: patrol.id,
				spotCheck: waiting.get(patrol.id) ?? null,
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
