// Who is on duty in an operation right now and where each of them probably is, for the first step
// of an SOS ("the people on duty nearest to the caller") and for zone alerts. A person's place is
// the best of: the phone's last position (Presence, if recent), the checkpoint of their last
// check-in, the nearest checkpoint of their route, their post.
import type { Db, Tx } from '../db';

const RECENT_POSITION_MS = 30 * 60_000;
const ON_SHIFT = ['ASSIGNED', 'PRESENT'] as const;

export interface Point {
	lat: number;
	lng: number;
}

/** Metres between two points (haversine). */
export function distanceMeters(a: Point, b: Point): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLng = (b.lng - a.lng) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface OnDuty {
	userId: string;
	shiftId: string;
	leaderId: string | null;
	zoneId: string | null;
	routeId: string | null;
	/** Where they probably are: one point, or several (a route's checkpoints) when unknown. */
	points: Point[];
}

/** Everyone on a shift running now in the operation, with where they probably are. */
export async function onDutyNow(client: Db | Tx, operationId: string, now: Date): Promise<OnDuty[]> {
	const assignments = await client.assignment.findMany({
		where: {
			status: { in: [...ON_SHIFT] },
			user: { status: 'ACTIVE' },
			shift: { operationId, startsAt: { lte: now }, endsAt: { gt: now } }
		},
		select: {
			userId: true,
			shift: {
				select: {
					id: true,
					leaderId: true,
					routeId: true,
					route: { select: { zoneId: true, checkpoints: { select: { id: true, lat: true, lng: true } } } },
					post: { select: { zoneId: true, lat: true, lng: true } }
				}
			},
			patrol: { select: { lastCheckpointId: true, endedAt: true } }
		}
	});
	const presence = await client.presence.findMany({
		where: {
			userId: { in: assignments.map((a) => a.userId) },
			positionAt: { gte: new Date(now.getTime() - RECENT_POSITION_MS) }
		},
		select: { userId: true, lat: true, lng: true }
	});
	const fixes = new Map(presence.map((p) => [p.userId, p]));
	const seen = new Set<string>();
	const people: OnDuty[] = [];
	for (const { userId, shift, patrol } of assignments) {
		if (seen.has(userId)) continue;
		seen.add(userId);
		const checkpoints = shift.route?.checkpoints ?? [];
		const fix = fixes.get(userId);
		const last =
			patrol && !patrol.endedAt ? checkpoints.find((c) => c.id === patrol.lastCheckpointId) : undefined;
		let points: Point[];
		if (fix?.lat != null && fix.lng != null) points = [{ lat: fix.lat, lng: fix.lng }];
		else if (last) points = [{ lat: last.lat, lng: last.lng }];
		else if (checkpoints.length) points = checkpoints.map((c) => ({ lat: c.lat, lng: c.lng }));
		else if (shift.post?.lat != null && shift.post.lng != null)
			points = [{ lat: shift.post.lat, lng: shift.post.lng }];
		else points = [];
		people.push({
			userId,
			shiftId: shift.id,
			leaderId: shift.leaderId,
			zoneId: shift.route?.zoneId ?? shift.post?.zoneId ?? null,
			routeId: shift.routeId,
			points
		});
	}
	return people;
}

/**
 * The `count` people on duty nearest to `from`; without a position, people of the same zone (then
 * the same shift) come first. Never `exclude`.
 */
export function nearest(
	people: OnDuty[],
	from: { point: Point | null; zoneId: string | null; shiftId: string | null },
	count: number,
	exclude: Set<string>
): string[] {
	const candidates = people.filter((person) => !exclude.has(person.userId));
	const score = (person: OnDuty) => {
		if (from.point && person.points.length) {
			return Math.min(...person.points.map((point) => distanceMeters(from.point!, point)));
		}
		// No geometry: same shift, then same zone, then anyone.
		if (from.shiftId && person.shiftId === from.shiftId) return 1e9;
		if (from.zoneId && person.zoneId === from.zoneId) return 2e9;
		return 3e9;
	};
	return candidates
		.map((person) => ({ id: person.userId, distance: score(person) }))
		.sort((a, b) => a.distance - b.distance)
		.slice(0, Math.max(0, count))
		.map((person) => person.id);
}

/** The positions of the operation's checkpoints among these (zone alerts near checkpoints). */
export async function checkpointsNear(
	client: Db | Tx,
	operationId: string,
	checkpointIds: string[]
): Promise<Point[]> {
	const rows = await client.checkpoint.findMany({
		where: { id: { in: checkpointIds }, operationId },
		select: { lat: true, lng: true }
	});
	return rows;
}
