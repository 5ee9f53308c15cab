// The live coverage board: every running patrol with where it is and how long since it was last
// heard from, coverage per zone in the current shift window, missed checkpoints and open alerts.
//
// It reads the summary each check-in keeps on its patrol, never the check-ins themselves (except
// one DISTINCT query for zone coverage), and one computation serves every organizer watching the
// same operation for a second, so 2,000 running patrols and many open boards stay cheap.
import { db } from '../db';
import { openAlerts, type OpenAlerts } from '../alerts/alerts';
import { missedPositions } from './route-progress';

const CACHE_MS = 1000;

export interface BoardPatrol {
	id: string;
	name: string;
	shiftId: string;
	routeId: string | null;
	routeName: string;
	zoneId: string | null;
	zoneName: string;
	startedAt: Date;
	lastCheckInAt: Date | null;
	lastCheckpoint: { name: string; position: number } | null;
	visitedCount: number;
	checkpointCount: number;
	checkInCount: number;
	flaggedCount: number;
	dueAt: Date | null;
	missed: { position: number; name: string; code: string }[];
	clockOffsetSeconds: number;
}

export interface BoardZone {
	id: string;
	name: string;
	/** Checkpoints on routes with a shift running now. */
	checkpoints: number;
	visited: number;
	/** Percent of those visited since their shift began; null when no shift runs in the zone. */
	coverage: number | null;
	activePatrols: number;
}

export interface CoverageBoard {
	computedAt: Date;
	zones: BoardZone[];
	patrols: BoardPatrol[];
	alerts: OpenAlerts;
}

const cache = new Map<string, { at: number; board: Promise<CoverageBoard> }>();

const computing = new Map<string, Promise<CoverageBoard>>();

/**
 * The board of an operation, at most a second old. While one computation runs, everyone who asks
 * waits for it: under load a computation can take longer than a second, and starting another for
 * each of 20 organizers reloading made the board's cost grow with the number of watchers.
 */
export function coverageBoard(operationId: string, now = new Date()): Promise<CoverageBoard> {
	const cached = cache.get(operationId);
	if (cached && now.getTime() - cached.at < CACHE_MS && now.getTime() >= cached.at) return cached.board;
	const running = computing.get(operationId);
	if (running) return running;
	const board = computeBoard(operationId, now);
	computing.set(operationId, board);
	cache.set(operationId, { at: now.getTime(), board });
	board.then(
		() => computing.delete(operationId),
		() => {
			computing.delete(operationId);
			cache.delete(operationId);
		}
	);
	return board;
}

async function computeBoard(operationId: string, now: Date): Promise<CoverageBoard> {
	const [zones, running, patrols, alerts] = await Promise.all([
		db.zone.findMany({
			where: { operationId },
			orderBy: { name: 'asc' },
			select: {
				id: true,
				name: true,
				routes: {
					select: {
						id: true,
						name: true,
						checkpoints: {
							orderBy: { position: 'asc' },
							select: { id: true, position: true, name: true, code: true }
						}
					}
				}
			}
		}),
		db.shift.findMany({
			where: { operationId, routeId: { not: null }, startsAt: { lte: now }, endsAt: { gt: now } },
			select: { routeId: true, startsAt: true }
		}),
		db.patrol.findMany({
			where: { operationId, endedAt: null },
			select: {
				id: true,
				shiftId: true,
				routeId: true,
				startedAt: true,
				lastCheckInAt: true,
				lastCheckpointId: true,
				visited: true,
				loop: true,
				checkInCount: true,
				flaggedCount: true,
				dueAt: true,
				clockOffsetSeconds: true,
				assignment: {
					select: {
						user: { select: { name: true } },
						shift: { select: { post: { select: { name: true } } } }
					}
				}
			}
		}),
		openAlerts(operationId, { limit: 100 })
	]);

	const routes = new Map(
		zones.flatMap((zone) => zone.routes.map((route) => [route.id, { ...route, zone }] as const))
	);
	const checkpoints = new Map(
		[...routes.values()].flatMap((route) => route.checkpoints.map((c) => [c.id, c] as const))
	);

	// The coverage window of a route opens when the earliest of its running shifts began.
	const windows = new Map<string, Date>();
	for (const shift of running) {
		const open = windows.get(shift.routeId!);
		if (!open || shift.startsAt < open) windows.set(shift.routeId!, shift.startsAt);
	}
	const visited = new Set(
		windows.size === 0
			? []
			: (
					await db.checkIn.findMany({
						where: {
							OR: [...windows].map(([routeId, from]) => ({ routeId, happenedAt: { gte: from, lte: now } }))
						},
						distinct: ['checkpointId'],
						select: { checkpointId: true }
					})
				).map((row) => row.checkpointId)
	);

	const boardPatrols: BoardPatrol[] = patrols.map((patrol) => {
		const route = patrol.routeId ? routes.get(patrol.routeId) : undefined;
		const positions = route?.checkpoints ?? [];
		const loop = JSON.parse(patrol.loop) as number[];
		const missed = new Set(
			missedPositions(
				positions.map((c) => c.position),
				loop
			)
		);
		const last = patrol.lastCheckpointId ? checkpoints.get(patrol.lastCheckpointId) : undefined;
		return {
			id: patrol.id,
			name: patrol.assignment.user.name,
			shiftId: patrol.shiftId,
			routeId: patrol.routeId,
			routeName: route?.name ?? patrol.assignment.shift.post?.name ?? '',
			zoneId: route?.zone.id ?? null,
			zoneName: route?.zone.name ?? '',
			startedAt: patrol.startedAt,
			lastCheckInAt: patrol.lastCheckInAt,
			lastCheckpoint: last ? { name: last.name, position: last.position } : null,
			visitedCount: (JSON.parse(patrol.visited) as string[]).length,
			checkpointCount: positions.length,
			checkInCount: patrol.checkInCount,
			flaggedCount: patrol.flaggedCount,
			dueAt: patrol.dueAt,
			missed: positions
				.filter((c) => missed.has(c.position))
				.map((c) => ({ position: c.position, name: c.name, code: c.code })),
			clockOffsetSeconds: patrol.clockOffsetSeconds
		};
	});

	const boardZones: BoardZone[] = zones.map((zone) => {
		const patrolled = zone.routes.filter((route) => windows.has(route.id));
		const ids = patrolled.flatMap((route) => route.checkpoints.map((c) => c.id));
		const seen = ids.filter((id) => visited.has(id)).length;
		return {
			id: zone.id,
			name: zone.name,
			checkpoints: ids.length,
			visited: seen,
			coverage: patrolled.length === 0 || ids.length === 0 ? null : Math.round((seen / ids.length) * 100),
			activePatrols: boardPatrols.filter((p) => p.zoneId === zone.id).length
		};
	});

	return { computedAt: now, zones: boardZones, patrols: boardPatrols, alerts };
}

export type PatrolFilter = 'all' | 'overdue' | 'flagged' | 'missed';

export interface BoardQuery {
	zoneId?: string;
	show?: PatrolFilter;
	search?: string;
	limit?: number;
}

export const isOverdue = (patrol: { dueAt: Date | null }, now: Date) =>
	patrol.dueAt !== null && patrol.dueAt < now;

/**
 * What one organizer looks at: totals over everything, then the patrols that match their filter,
 * most urgent first (longest overdue, then longest without a check-in), cut to a screenful.
 */
export function viewBoard(board: CoverageBoard, query: BoardQuery, now = new Date()) {
	const search = query.search?.trim().toLowerCase();
	const matching = board.patrols.filter(
		(patrol) =>
			(!query.zoneId || patrol.zoneId === query.zoneId) &&
			(query.show !== 'overdue' || isOverdue(patrol, now)) &&
			(query.show !== 'flagged' || patrol.flaggedCount > 0) &&
			(query.show !== 'missed' || patrol.missed.length > 0) &&
			(!search ||
				patrol.name.toLowerCase().includes(search) ||
				patrol.routeName.toLowerCase().includes(search))
	);
	const urgency = (patrol: BoardPatrol) =>
		isOverdue(patrol, now)
			? patrol.dueAt!.getTime() - now.getTime() - 1e13
			: (patrol.lastCheckInAt ?? patrol.startedAt).getTime();
	matching.sort((a, b) => urgency(a) - urgency(b));
	return {
		computedAt: board.computedAt,
		totals: {
			active: board.patrols.length,
			overdue: board.patrols.filter((p) => isOverdue(p, now)).length,
			flagged: board.patrols.filter((p) => p.flaggedCount > 0).length,
			missing: board.alerts.counts.MISSING ?? 0
		},
		zones: board.zones,
		alerts: board.alerts,
		matching: matching.length,
		patrols: matching.slice(0, query.limit ?? 100),
		missed: matching
			.filter((p) => p.missed.length > 0)
			.slice(0, 50)
			.map((p) => ({ patrolId: p.id, name: p.name, routeName: p.routeName, checkpoints: p.missed }))
	};
}
