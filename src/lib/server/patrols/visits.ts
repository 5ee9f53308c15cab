// Time since last visit, per checkpoint and per zone: which streets nobody has walked for an hour.
//
// Read from the summary columns each check-in keeps on its checkpoint (Checkpoint.lastVisitAt,
// lastDoubtfulAt), never from the check-ins: one indexed read of the operation's checkpoints, so
// 5,000 checkpoints cost one query, and the result is shared by everyone watching the operation
// for a second (like the coverage board). A check-in publishes on the coverage channel, so the
// boards reload within seconds of it.
//
// "Send someone" raises a BLIND_SPOT alert for the checkpoint, assigned in one tap to the best
// placed person on patrol (on the same route, else in the same zone); the next check-in there that
// counts clears it.
import { raiseAlert, type AlertActor } from '../alerts/alerts';
import { db } from '../db';
import { NotFoundError } from '../errors';

const CACHE_MS = 1000;
const MINUTE = 60_000;

export type VisitBand = 'fresh' | 'recent' | 'old' | 'blind';

export interface VisitCheckpoint {
	id: string;
	name: string;
	position: number;
	lat: number;
	lng: number;
	routeId: string;
	zoneId: string;
	lastVisitAt: Date | null;
	/** A doubtful visit (flagged, not dismissed) later than the last one that counts. */
	doubtfulAt: Date | null;
	/** Minutes since the last visit that counts; null: none since the operation began. */
	minutes: number | null;
	band: VisitBand;
}

export interface VisitRoute {
	id: string;
	name: string;
	zoneId: string;
	freshMinutes: number;
	staleMinutes: number;
	/** A shift runs on it now: someone can be sent. */
	patrolled: boolean;
	checkpoints: VisitCheckpoint[];
}

export interface VisitZone {
	id: string;
	name: string;
	checkpoints: number;
	/** Checkpoints per band. */
	bands: Record<VisitBand, number>;
	/** The longest time since a visit in the zone (null: a checkpoint never visited). */
	worstMinutes: number | null;
	neverVisited: number;
}

export interface VisitMap {
	computedAt: Date;
	zones: VisitZone[];
	routes: VisitRoute[];
	/** Checkpoints nobody has walked past for longer than their route allows, longest first. */
	blindSpots: (VisitCheckpoint & { routeName: string; zoneName: string; patrolled: boolean })[];
}

/** The band of a time since the last visit, by the route's thresholds. */
export function bandOf(
	minutes: number | null,
	route: { freshMinutes: number; staleMinutes: number }
): VisitBand {
	if (minutes === null || minutes >= route.staleMinutes) return 'blind';
	if (minutes <= route.freshMinutes) return 'fresh';
	return minutes <= (route.freshMinutes + route.staleMinutes) / 2 ? 'recent' : 'old';
}

const cache = new Map<string, { at: number; map: Promise<VisitMap> }>();

/** The visit map of an operation, at most a second old. */
export function visitMap(operationId: string, now = new Date()): Promise<VisitMap> {
	const cached = cache.get(operationId);
	if (cached && now.getTime() - cached.at < CACHE_MS && now.getTime() >= cached.at) return cached.map;
	const map = computeVisits(operationId, now);
	cache.set(operationId, { at: now.getTime(), map });
	map.catch(() => cache.delete(operationId));
	if (cache.size > 200) cache.delete(cache.keys().next().value!);
	return map;
}

export async function computeVisits(operationId: string, now: Date): Promise<VisitMap> {
	const [zones, routes, checkpoints, running] = await Promise.all([
		db.zone.findMany({ where: { operationId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
		db.route.findMany({
			where: { operationId },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, zoneId: true, freshMinutes: true, staleMinutes: true }
		}),
		db.checkpoint.findMany({
			where: { operationId },
			orderBy: [{ routeId: 'asc' }, { position: 'asc' }],
			select: {
				id: true,
				name: true,
				position: true,
				lat: true,
				lng: true,
				routeId: true,
				lastVisitAt: true,
				lastDoubtfulAt: true
			}
		}),
		db.shift.findMany({
			where: { operationId, routeId: { not: null }, startsAt: { lte: now }, endsAt: { gt: now } },
			select: { routeId: true }
		})
	]);
	const patrolled = new Set(running.map((s) => s.routeId!));
	const byRoute = new Map<string, VisitRoute>(
		routes.map((r) => [r.id, { ...r, patrolled: patrolled.has(r.id), checkpoints: [] }])
	);
	for (const c of checkpoints) {
		const route = byRoute.get(c.routeId);
		if (!route) continue;
		const minutes = c.lastVisitAt
			? Math.max(0, Math.floor((now.getTime() - c.lastVisitAt.getTime()) / MINUTE))
			: null;
		route.checkpoints.push({
			id: c.id,
			name: c.name,
			position: c.position,
			lat: c.lat,
			lng: c.lng,
			routeId: c.routeId,
			zoneId: route.zoneId,
			lastVisitAt: c.lastVisitAt,
			doubtfulAt:
				c.lastDoubtfulAt && (!c.lastVisitAt || c.lastDoubtfulAt > c.lastVisitAt) ? c.lastDoubtfulAt : null,
			minutes,
			band: bandOf(minutes, route)
		});
	}
	const zoneNames = new Map(zones.map((z) => [z.id, z.name]));
	const visitZones: VisitZone[] = zones.map((zone) => {
		const own = [...byRoute.values()].filter((r) => r.zoneId === zone.id).flatMap((r) => r.checkpoints);
		const bands: Record<VisitBand, number> = { fresh: 0, recent: 0, old: 0, blind: 0 };
		for (const c of own) bands[c.band]++;
		const never = own.filter((c) => c.minutes === null).length;
		return {
			id: zone.id,
			name: zone.name,
			checkpoints: own.length,
			bands,
			neverVisited: never,
			worstMinutes: never ? null : own.reduce((worst, c) => Math.max(worst, c.minutes ?? 0), 0)
		};
	});
	const blindSpots = [...byRoute.values()]
		.flatMap((route) =>
			route.checkpoints
				.filter((c) => c.band === 'blind')
				.map((c) => ({
					...c,
					routeName: route.name,
					zoneName: zoneNames.get(route.zoneId) ?? '',
					patrolled: route.patrolled
				}))
		)
		// Longest first: never visited, then the oldest visit; routes someone walks now before others.
		.sort(
			(a, b) =>
				Number(b.patrolled) - Number(a.patrolled) ||
				(a.lastVisitAt?.getTime() ?? -Infinity) - (b.lastVisitAt?.getTime() ?? -Infinity)
		);
	return { computedAt: now, zones: visitZones, routes: [...byRoute.values()], blindSpots };
}

/**
 * The person best placed to go to a checkpoint: on patrol now on its route (the one heard from
 * most recently), else on patrol in its zone.
 */
async function nearestPatroller(checkpoint: { routeId: string; zoneId: string; operationId: string }) {
	const running = await db.patrol.findMany({
		where: { operationId: checkpoint.operationId, endedAt: null },
		orderBy: { lastCheckInAt: { sort: 'desc', nulls: 'last' } },
		select: { id: true, userId: true, routeId: true, shiftId: true }
	});
	const onRoute = running.find((p) => p.routeId === checkpoint.routeId);
	if (onRoute) return onRoute;
	const routesInZone = new Set(
		(await db.route.findMany({ where: { zoneId: checkpoint.zoneId }, select: { id: true } })).map((r) => r.id)
	);
	return running.find((p) => p.routeId && routesInZone.has(p.routeId)) ?? null;
}

/**
 * "Send someone": a BLIND_SPOT alert for the checkpoint (folded if one is open), assigned to the
 * best placed patroller, who gets it as a push. Leaders of a shift on the route, the zone's lead
 * and the operation's organizers may send.
 */
export async function sendToBlindSpot(actor: AlertActor, checkpointId: string, now = new Date()) {
	const checkpoint = await db.checkpoint.findUnique({
		where: { id: checkpointId },
		select: {
			id: true,
			name: true,
			operationId: true,
			routeId: true,
			lat: true,
			lng: true,
			lastVisitAt: true,
			route: { select: { name: true, zoneId: true, zone: { select: { leadId: true } } } }
		}
	});
	if (!checkpoint) throw new NotFoundError('checkpoint');
	const may =
		actor.role === 'ADMIN' ||
		checkpoint.route.zone.leadId === actor.id ||
		(actor.role === 'ORGANIZER' &&
			(await db.operationMember.count({ where: { operationId: checkpoint.operationId, userId: actor.id } })) >
				0) ||
		(await db.shift.count({
			where: { routeId: checkpoint.routeId, leaderId: actor.id, startsAt: { lte: now }, endsAt: { gt: now } }
		})) > 0;
	if (!may) throw new NotFoundError('checkpoint');

	const target = await nearestPatroller({ ...checkpoint, zoneId: checkpoint.route.zoneId });
	const { alert } = await raiseAlert({
		operationId: checkpoint.operationId,
		kind: 'BLIND_SPOT',
		priority: 'NORMAL',
		foldKey: blindSpotKey(checkpoint.id),
		raisedById: actor.id,
		zoneId: checkpoint.route.zoneId,
		checkpointId: checkpoint.id,
		shiftId: target?.shiftId ?? null,
		assignedToId: target?.userId ?? null,
		lat: checkpoint.lat,
		lng: checkpoint.lng,
		params: {
			checkpoint: checkpoint.name,
			place: checkpoint.route.name,
			since: checkpoint.lastVisitAt?.toISOString() ?? null
		},
		at: now
	});
	// Nobody on patrol near it: the alert waits on the board for someone to take it.
	return { alertId: alert.id, sentTo: target?.userId ?? null };
}

export const blindSpotKey = (checkpointId: string) => `blind:${checkpointId}`;
