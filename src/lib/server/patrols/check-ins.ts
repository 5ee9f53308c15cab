// Check-ins: a person at a checkpoint at a time. The phone makes each check-in's id, so a retry
// (an answer lost in a saturated network) finds the stored row and adds nothing.
//
// What is refused: a QR token this app did not sign, a token whose route claim does not match
// the checkpoint it names (a poster left over after the checkpoint moved to another route), a
// checkpoint of another operation, and an unknown code. What is kept but flagged: a checkpoint of
// another route of the same operation, one visited out of order, and one far from where the phone
// says it was. Flagged check-ins are facts the organizers need, not mistakes to throw away.
import { distanceMetres } from '$lib/geo';
import { normaliseCode } from '$lib/patrol-view';
import { positionOf, type CheckInInput } from '$lib/schemas/patrol';
import { readCheckpointToken } from '../operations/checkpoint-token';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { announcePatrol, patrolOf, patrolSummarySelect } from './patrols';
import { advance, isOutOfOrder, summarize, type PatrolSummary } from './route-progress';
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
	wrongRoute: true
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

type Route = { expectedIntervalMinutes: number; checkpoints: Checkpoint[] };

/**
 * Routes change rarely (an organizer edits one) and every check-in needs its checkpoints: a few
 * seconds of memory save two queries on the busiest request of the app.
 */
const ROUTE_CACHE_MS = 5000;
const routes = new Map<string, { at: number; route: Promise<Route | null> }>();

function routeOf(routeId: string): Promise<Route | null> {
	const cached = routes.get(routeId);
	if (cached && Date.now() - cached.at < ROUTE_CACHE_MS) return cached.route;
	const route = db.route.findUnique({
		where: { id: routeId },
		select: {
			expectedIntervalMinutes: true,
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
	const checkpoint = await findCheckpoint(input, patrol, route.checkpoints);

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
		wrongRoute
	};
	// createMany: an INSERT without reading the row back; everything it holds is known here.
	const create = db.checkIn.createMany({ data: [row] });
	if (!inOrder) {
		await create;
		await rebuildSummary(patrol.id, route, receivedAt);
		await announcePatrol(patrol);
		return answer(row);
	}
	const summary = advance(readSummary(patrol), {
		checkpointId: checkpoint.id,
		position: checkpoint.position,
		happenedAt: time.happenedAt,
		onRoute,
		flagged: outOfOrder || far || wrongRoute
	});
	const update = summaryUpdate(patrol, summary, route, receivedAt, time.clockOffsetSeconds);
	// One batch, one transaction: the check-in and the patrol's summary, compare-and-set on the
	// count so that two check-ins of one patrol at once cannot both advance the same summary.
	const [, updated] = await db.$transaction([
		create,
		db.patrol.updateMany({ where: { id: patrol.id, checkInCount: patrol.checkInCount }, data: update.data }),
		...(update.clearAlerts ? [clearOverdue(patrol.id, receivedAt)] : [])
	]);
	// Lost the race: the check-in is stored; its patrol's summary is rebuilt from all of them.
	if (updated.count === 0) await rebuildSummary(patrol.id, route, receivedAt);
	await announcePatrol(patrol);
	return answer(row);
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

const clearOverdue = (patrolId: string, at: Date) =>
	db.patrolAlert.updateMany({
		where: { patrolId, kind: 'OVERDUE', clearedAt: null },
		data: { clearedAt: at }
	});

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
				wrongRoute: true
			}
		});
		const summary = summarize(
			checkIns.map((c) => ({
				checkpointId: c.checkpointId,
				position: c.checkpointPosition,
				happenedAt: c.happenedAt,
				onRoute: c.routeId === patrol.routeId,
				flagged: c.outOfOrder || c.far || c.wrongRoute
			}))
		);
		const update = summaryUpdate(patrol, summary, route, receivedAt, 0);
		const { clockOffsetSeconds: _keep, ...data } = update.data;
		const [updated] = await db.$transaction([
			db.patrol.updateMany({ where: { id: patrolId, checkInCount: patrol.checkInCount }, data }),
			...(update.clearAlerts ? [clearOverdue(patrolId, receivedAt)] : [])
		]);
		if (updated.count > 0) return;
	}
	throw new Error(`Could not rebuild the summary of patrol ${patrolId}`);
}

async function findCheckpoint(
	input: CheckInInput,
	patrol: Patrol,
	onRoute: Checkpoint[]
): Promise<Checkpoint> {
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
		return checkpoint;
	}
	const code = normaliseCode(input.code);
	const checkpoint =
		onRoute.find((c) => c.code.toUpperCase() === code) ??
		(await db.checkpoint.findUnique({
			where: { operationId_code: { operationId: patrol.operationId, code } },
			select: checkpointSelect
		}));
	if (!checkpoint) throw new DomainError('patrol_code_unknown', { field: 'code', params: { code } });
	return checkpoint;
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
