// Check-ins: a person at a checkpoint at a time. The phone makes each check-in's id, so a retry
// (an answer lost in a saturated network) finds the stored row and adds nothing.
//
// What is refused: a QR token this app did not sign, a token whose route claim does not match
// the checkpoint it names (a poster left over after the checkpoint moved to another route), a
// checkpoint of another operation, and an unknown code. What is kept but flagged: a checkpoint of
// another route of the same operation, one visited out of order, and one far from where the phone
// says it was. Flagged check-ins are facts the organizers need, not mistakes to throw away.
//
// Presence evidence (evidence.ts) is judged on every check-in: too fast from the checkpoint
// before, arrived in a burst, before the patrol began, synced long after, a wrong phone clock, no
// position where the route wants one. A doubtful check-in is stored with its reasons, raises one
// folding IMPLAUSIBLE_CHECK_IN alert per patrol, and does not count as a visit of its checkpoint
// (Checkpoint.lastVisitAt) until a leader dismisses the flag. A QR from a poster the organizers
// have since replaced is refused when scanned after the replacement (and the attempt is shown to
// the leader); one scanned before it, synced late, still counts.
import { distanceMetres } from '$lib/geo';
import { normaliseCode } from '$lib/patrol-view';
import { positionOf, type CheckInInput } from '$lib/schemas/patrol';
import { clearAlerts, raiseAlert } from '../alerts/alerts';
import { readCheckpointToken } from '../operations/checkpoint-token';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { announcePatrol, patrolOf, patrolSummarySelect } from './patrols';
import { presenceFlags, readFlags, together, withFlag, type EarlierCheckIn, type Flag } from './evidence';
import { advance, isOutOfOrder, summarize, type PatrolSummary } from './route-progress';
import { answerSpotCheck } from './spot-checks';
import { blindSpotKey } from './visits';
import { honestTime } from './times';

/** Farther than this from the checkpoint (beyond the GPS error allowed) is flagged as far. */
export const FAR_METRES = 100;
/** At most this much of a position's reported inaccuracy is given the benefit of the doubt. */
export const GPS_ALLOWANCE_METRES = 100;

const MINUTE = 60_000;

const checkpointSelect = {
	id: true,
	routeId: true,
	operationId: true,
	position: true,
	name: true,
	code: true,
	lat: true,
	lng: true
} as const;

type Patrol = Awaited<ReturnType<typeof patrolOf>>;
type Checkpoint = {
	id: string;
	routeId: string;
	operationId: string;
	position: number;
	name: string;
	code: string;
	lat: number;
	lng: number;
};

export const checkInSelect = {
	id: true,
	userId: true,
	checkpointId: true,
	checkpointName: true,
	checkpointPosition: true,
	routeId: true,
	method: true,
	happenedAt: true,
	phoneTime: true,
	receivedAt: true,
	clockOffsetSeconds: true,
	distanceMetres: true,
	outOfOrder: true,
	far: true,
	wrongRoute: true,
	posterVersion: true,
	flags: true,
	doubtful: true,
	flagReview: true
} as const;

export type StoredCheckIn = Awaited<ReturnType<typeof findCheckIn>>;

const findCheckIn = (id: string) => db.checkIn.findUnique({ where: { id }, select: checkInSelect });

export async function recordCheckIn(userId: string, input: CheckInInput, receivedAt = new Date()) {
	try {
		return { checkIn: await store(userId, input, receivedAt), duplicate: false };
	} catch (error) {
		// Already stored (a retry whose first answer was lost): whatever else has changed since,
		// and whatever this attempt ran into, the phone learns that it has arrived. Checked only
		// when something failed, so the usual check-in costs no extra query.
		const existing = await findCheckIn(input.id);
		if (existing) return sameSender(existing, userId);
		throw error;
	}
}

function sameSender(existing: NonNullable<StoredCheckIn>, userId: string) {
	// Ids are random UUIDs: another person's id here is an attempt to probe, not a coincidence.
	if (existing.userId !== userId) throw new DomainError('patrol_id_taken', { status: 409 });
	return { checkIn: existing, duplicate: true };
}

type Route = {
	id: string;
	name: string;
	zoneId: string;
	expectedIntervalMinutes: number;
	travel: 'WALK' | 'CYCLE';
	requirePosition: boolean;
	posterVersion: number;
	postersReplacedAt: Date | null;
	checkpoints: Checkpoint[];
};

/**
 * Routes change rarely (an organizer edits one) and every check-in needs its checkpoints: a few
 * seconds of memory save two queries on the busiest request of the app.
 */
const ROUTE_CACHE_MS = 5000;
const routes = new Map<string, { at: number; route: Promise<Route | null> }>();

/** Forgets a cached route at once (its posters were just replaced in this process). */
export function forgetRoute(routeId: string) {
	routes.delete(routeId);
}

function routeOf(routeId: string): Promise<Route | null> {
	const cached = routes.get(routeId);
	if (cached && Date.now() - cached.at < ROUTE_CACHE_MS) return cached.route;
	const route = db.route.findUnique({
		where: { id: routeId },
		select: {
			id: true,
			name: true,
			zoneId: true,
			expectedIntervalMinutes: true,
			travel: true,
			requirePosition: true,
			posterVersion: true,
			postersReplacedAt: true,
			checkpoints: { select: checkpointSelect, orderBy: { position: 'asc' } }
		}
	});
	routes.set(routeId, { at: Date.now(), route });
	route.catch(() => routes.delete(routeId));
	if (routes.size > 5000) routes.delete(routes.keys().next().value!);
	return route;
}

async function store(userId: string, input: CheckInInput, receivedAt: Date) {
	const patrol = await patrolOf(userId, input.assignmentId);
	if (!patrol.routeId) throw new DomainError('patrol_no_route', { status: 409 });
	const time = honestTime(input, receivedAt);
	if (patrol.endedAt && time.happenedAt > patrol.endedAt) {
		throw new DomainError('patrol_ended', { status: 409 });
	}
	const route = await routeOf(patrol.routeId);
	if (!route) throw new NotFoundError('patrol_route');
	const found = await findCheckpoint(input, patrol, route, time.happenedAt);
	const checkpoint = found.checkpoint;

	const onRoute = checkpoint.routeId === patrol.routeId;
	const position = positionOf(input);
	const distance = position ? distanceMetres(position, checkpoint) : null;
	const allowance = Math.min(position?.accuracy ?? 0, GPS_ALLOWANCE_METRES);
	const far = distance !== null && distance > FAR_METRES + allowance;
	// Usually check-ins arrive in the order they happened; one that arrives late (from a second
	// phone) is compared with the check-in that came before it in time, and the summary rebuilt.
	const inOrder = !patrol.lastCheckInAt || time.happenedAt >= patrol.lastCheckInAt;
	const previous = inOrder ? patrol.lastPosition : await positionBefore(patrol, time.happenedAt);
	const positions = route.checkpoints.map((c) => c.position);
	const outOfOrder = onRoute && isOutOfOrder(positions, previous, checkpoint.position);
	const wrongRoute = !onRoute;

	// The evidence: the patrol's latest arrivals tell the check-in before this one in time (for
	// speed) and those that arrived with it (a burst).
	const recent = await recentCheckIns(patrol.id, route);
	const before = recent
		.filter((c) => c.happenedAt <= time.happenedAt)
		.reduce<EarlierCheckIn | null>((a, c) => (!a || c.happenedAt > a.happenedAt ? c : a), null);
	const facts = {
		happenedAt: time.happenedAt,
		receivedAt: time.receivedAt,
		clockOffsetSeconds: time.clockOffsetSeconds,
		checkpoint,
		position: position ?? null,
		distanceMetres: distance === null ? null : Math.round(distance),
		far,
		patrolStartedAt: patrol.startedAt,
		travel: route.travel,
		requirePosition: route.requirePosition
	};
	const flags = presenceFlags(facts, before, recent);
	const doubtful = flags.length > 0;

	const row = {
		id: input.id,
		patrolId: patrol.id,
		checkpointId: checkpoint.id,
		userId,
		method: input.method,
		checkpointName: checkpoint.name,
		checkpointPosition: checkpoint.position,
		routeId: checkpoint.routeId,
		happenedAt: time.happenedAt,
		phoneTime: time.phoneTime,
		receivedAt: time.receivedAt,
		clockOffsetSeconds: time.clockOffsetSeconds,
		lat: position?.lat,
		lng: position?.lng,
		accuracy: position?.accuracy,
		distanceMetres: distance === null ? null : Math.round(distance),
		outOfOrder,
		far,
		wrongRoute,
		posterVersion: found.posterVersion,
		flags: JSON.stringify(flags),
		doubtful,
		flagReview: null
	};
	// createMany: an INSERT without reading the row back; everything it holds is known here.
	const create = db.checkIn.createMany({ data: [row] });
	const visit = markVisit(checkpoint.id, time.happenedAt, doubtful);
	if (!inOrder) {
		await db.$transaction([create, visit]);
		await rebuildSummary(patrol.id, route, receivedAt);
		await afterEvidence(patrol, route, checkpoint, flags, together(facts, recent));
		await answerSpotCheck({ ...row, hasPosition: position !== null });
		await announcePatrol(patrol);
		return answer(row);
	}
	const summary = advance(readSummary(patrol), {
		checkpointId: checkpoint.id,
		position: checkpoint.position,
		happenedAt: time.happenedAt,
		onRoute,
		flagged: outOfOrder || far || wrongRoute || doubtful
	});
	const update = summaryUpdate(patrol, summary, route, receivedAt, time.clockOffsetSeconds);
	// One batch, one transaction: the check-in, the patrol's summary and the checkpoint's last
	// visit, compare-and-set on the count so that two check-ins of one patrol at once cannot both
	// advance the same summary.
	const [, updated] = await db.$transaction([
		create,
		db.patrol.updateMany({ where: { id: patrol.id, checkInCount: patrol.checkInCount }, data: update.data }),
		visit
	]);
	// Lost the race: the check-in is stored; its patrol's summary is rebuilt from all of them.
	if (updated.count === 0) await rebuildSummary(patrol.id, route, receivedAt);
	else if (update.clearAlerts) await clearOverdue(patrol.id, receivedAt);
	await afterEvidence(patrol, route, checkpoint, flags, together(facts, recent));
	await answerSpotCheck({ ...row, hasPosition: position !== null });
	await announcePatrol(patrol);
	return answer(row);
}

/** The checkpoint's last visit moves on; a doubtful one only moves its last doubtful visit. */
function markVisit(checkpointId: string, at: Date, doubtful: boolean) {
	return doubtful
		? db.checkpoint.updateMany({
				where: { id: checkpointId, OR: [{ lastDoubtfulAt: null }, { lastDoubtfulAt: { lt: at } }] },
				data: { lastDoubtfulAt: at }
			})
		: db.checkpoint.updateMany({
				where: { id: checkpointId, OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: at } }] },
				data: { lastVisitAt: at }
			});
}

/** The checkpoint's last visit recomputed from its check-ins that count (after a flag changed). */
export async function recountVisits(checkpointId: string) {
	const [trusted, doubtful] = await Promise.all([
		db.checkIn.aggregate({ where: { checkpointId, doubtful: false }, _max: { happenedAt: true } }),
		db.checkIn.aggregate({ where: { checkpointId, doubtful: true }, _max: { happenedAt: true } })
	]);
	await db.checkpoint.updateMany({
		where: { id: checkpointId },
		data: { lastVisitAt: trusted._max.happenedAt, lastDoubtfulAt: doubtful._max.happenedAt }
	});
}

/** The patrol's latest arrivals (a handful, by the index on patrol and arrival). */
async function recentCheckIns(
	patrolId: string,
	route: Route
): Promise<(EarlierCheckIn & { flags: string })[]> {
	const rows = await db.checkIn.findMany({
		where: { patrolId },
		orderBy: { receivedAt: 'desc' },
		take: 8,
		select: { id: true, happenedAt: true, receivedAt: true, checkpointId: true, flags: true }
	});
	const places = new Map(route.checkpoints.map((c) => [c.id, c]));
	return rows.map((row) => ({
		id: row.id,
		happenedAt: row.happenedAt,
		receivedAt: row.receivedAt,
		checkpoint: row.checkpointId ? (places.get(row.checkpointId) ?? null) : null,
		flags: row.flags
	}));
}

/**
 * What a doubtful check-in sets off: the check-ins it arrived together with are flagged too (the
 * first of a burst looked fine alone), and the patrol's one IMPLAUSIBLE_CHECK_IN alert is raised
 * or folded, for its leader.
 */
async function afterEvidence(
	patrol: Patrol,
	route: Route,
	checkpoint: Checkpoint,
	flags: Flag[],
	partners: (EarlierCheckIn & { flags: string })[]
) {
	// Someone was sent here, and a visit that counts came: the blind spot is covered.
	if (!flags.length) await clearAlerts({ foldKey: blindSpotKey(checkpoint.id) }, 'visited');
	const burst = flags.find((f) => f.code === 'burst');
	for (const partner of burst ? partners : []) {
		const stored = readFlags(partner.flags);
		if (stored.some((f) => f.code === 'burst')) continue;
		await db.checkIn.updateMany({
			where: { id: partner.id },
			data: { flags: JSON.stringify(withFlag(stored, burst!)), doubtful: true }
		});
		const row = await db.checkIn.findUnique({ where: { id: partner.id }, select: { checkpointId: true } });
		if (row?.checkpointId) await recountVisits(row.checkpointId);
	}
	if (!flags.length) return;
	await raiseDoubt(
		patrol,
		route,
		checkpoint.name,
		flags.map((f) => f.code)
	);
}

/** The patrol's one alert about doubtful check-ins, raised or folded. */
export async function raiseDoubt(
	patrol: { id: string; userId: string; operationId: string; shiftId: string; assignmentId: string },
	route: { name: string; zoneId: string },
	checkpointName: string,
	codes: string[]
) {
	const person = await db.user.findUnique({ where: { id: patrol.userId }, select: { name: true } });
	await raiseAlert({
		operationId: patrol.operationId,
		kind: 'IMPLAUSIBLE_CHECK_IN',
		priority: 'NORMAL',
		foldKey: `implausible:${patrol.id}`,
		subjectUserId: patrol.userId,
		patrolId: patrol.id,
		assignmentId: patrol.assignmentId,
		shiftId: patrol.shiftId,
		zoneId: route.zoneId,
		params: { person: person?.name ?? '', place: route.name, checkpoint: checkpointName, reasons: codes }
	});
}

/** The fields a stored check-in is read back with (its answer to the phone). */
function answer(
	row: {
		patrolId: string;
		lat?: number;
		lng?: number;
		accuracy?: number | null;
	} & NonNullable<StoredCheckIn>
): NonNullable<StoredCheckIn> {
	const { patrolId: _patrol, lat: _lat, lng: _lng, accuracy: _accuracy, ...stored } = row;
	return stored;
}

function summaryUpdate(
	patrol: { startedAt: Date; endedAt: Date | null; overdueAlerted: boolean },
	summary: PatrolSummary,
	route: Route,
	receivedAt: Date,
	clockOffsetSeconds: number
) {
	const lastSign = Math.max(patrol.startedAt.getTime(), summary.lastCheckInAt?.getTime() ?? 0);
	const dueAt = patrol.endedAt ? null : new Date(lastSign + route.expectedIntervalMinutes * MINUTE);
	// A check-in that still leaves the patrol overdue (an old one, synced late) keeps the alert.
	const backOnTime = dueAt === null || dueAt > receivedAt;
	return {
		data: {
			...writeSummary(summary),
			dueAt,
			clockOffsetSeconds,
			...(backOnTime ? { overdueAlerted: false } : {})
		},
		clearAlerts: backOnTime && patrol.overdueAlerted
	};
}

/** Back on time: the patrol's overdue alert clears (and reopens if it goes quiet again). */
const clearOverdue = (patrolId: string, at: Date) =>
	clearAlerts({ patrolId, kinds: ['OVERDUE'] }, 'checked_in', at);

/** The summary recomputed from every check-in of the patrol, retried until nobody raced it. */
async function rebuildSummary(patrolId: string, route: Route, receivedAt: Date) {
	for (let attempt = 0; attempt < 10; attempt++) {
		const patrol = await db.patrol.findUniqueOrThrow({
			where: { id: patrolId },
			select: patrolSummarySelect
		});
		const checkIns = await db.checkIn.findMany({
			where: { patrolId },
			select: {
				checkpointId: true,
				checkpointPosition: true,
				happenedAt: true,
				routeId: true,
				outOfOrder: true,
				far: true,
				wrongRoute: true,
				doubtful: true
			}
		});
		const summary = summarize(
			checkIns.map((c) => ({
				checkpointId: c.checkpointId,
				position: c.checkpointPosition,
				happenedAt: c.happenedAt,
				onRoute: c.routeId === patrol.routeId,
				flagged: c.outOfOrder || c.far || c.wrongRoute || c.doubtful
			}))
		);
		const update = summaryUpdate(patrol, summary, route, receivedAt, 0);
		const { clockOffsetSeconds: _keep, ...data } = update.data;
		const updated = await db.patrol.updateMany({
			where: { id: patrolId, checkInCount: patrol.checkInCount },
			data
		});
		if (updated.count > 0) {
			if (update.clearAlerts) await clearOverdue(patrolId, receivedAt);
			return;
		}
	}
	throw new Error(`Could not rebuild the summary of patrol ${patrolId}`);
}

async function findCheckpoint(
	input: CheckInInput,
	patrol: Patrol,
	route: Route,
	happenedAt: Date
): Promise<{ checkpoint: Checkpoint; posterVersion: number | null }> {
	const onRoute = route.checkpoints;
	if (input.method === 'QR') {
		const claim = readCheckpointToken(input.token);
		if (!claim) throw new DomainError('patrol_token_invalid', { field: 'token' });
		const checkpoint =
			onRoute.find((c) => c.id === claim.c) ??
			(await db.checkpoint.findUnique({ where: { id: claim.c }, select: checkpointSelect }));
		if (!checkpoint) throw new DomainError('patrol_checkpoint_gone', { status: 404 });
		if (checkpoint.routeId !== claim.r) throw new DomainError('patrol_token_stale', { field: 'token' });
		if (checkpoint.operationId !== patrol.operationId) {
			throw new DomainError('patrol_token_other_operation', { field: 'token', status: 403 });
		}
		const posters = checkpoint.routeId === route.id ? route : await routeOf(checkpoint.routeId);
		const version = claim.v ?? 1;
		if (
			posters &&
			version < posters.posterVersion &&
			posters.postersReplacedAt &&
			happenedAt >= posters.postersReplacedAt
		) {
			// A photo of an old poster, or one left hanging: refused, and the leader sees the attempt.
			await raiseDoubt(patrol, posters, checkpoint.name, ['withdrawn_poster']);
			throw new DomainError('patrol_poster_replaced', { field: 'token', status: 410 });
		}
		return { checkpoint, posterVersion: version };
	}
	const code = normaliseCode(input.code);
	const checkpoint =
		onRoute.find((c) => c.code.toUpperCase() === code) ??
		(await db.checkpoint.findUnique({
			where: { operationId_code: { operationId: patrol.operationId, code } },
			select: checkpointSelect
		}));
	if (!checkpoint) throw new DomainError('patrol_code_unknown', { field: 'code', params: { code } });
	return { checkpoint, posterVersion: null };
}

async function positionBefore(patrol: Patrol, before: Date): Promise<number | null> {
	const previous = await db.checkIn.findFirst({
		where: { patrolId: patrol.id, routeId: patrol.routeId!, happenedAt: { lt: before } },
		orderBy: { happenedAt: 'desc' },
		select: { checkpointPosition: true }
	});
	return previous?.checkpointPosition ?? null;
}

function readSummary(patrol: Patrol): PatrolSummary {
	return {
		checkInCount: patrol.checkInCount,
		flaggedCount: patrol.flaggedCount,
		lastCheckInAt: patrol.lastCheckInAt,
		lastCheckpointId: patrol.lastCheckpointId,
		lastPosition: patrol.lastPosition,
		visited: JSON.parse(patrol.visited) as string[],
		loop: JSON.parse(patrol.loop) as number[]
	};
}

function writeSummary(summary: PatrolSummary) {
	return {
		checkInCount: summary.checkInCount,
		flaggedCount: summary.flaggedCount,
		lastCheckInAt: summary.lastCheckInAt,
		lastCheckpointId: summary.lastCheckpointId,
		lastPosition: summary.lastPosition,
		visited: JSON.stringify(summary.visited),
		loop: JSON.stringify(summary.loop)
	};
}
