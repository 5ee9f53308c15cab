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
import { db, isUniqueViolation } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { announcePatrol, patrolOf } from './patrols';
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

const checkInSelect = {
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

/** The summary changed under us (another check-in of the same patrol); read it again and redo. */
class SummaryMoved extends Error {}

export async function recordCheckIn(userId: string, input: CheckInInput, receivedAt = new Date()) {
	for (let attempt = 0; ; attempt++) {
		const existing = await findCheckIn(input.id);
		if (existing) return sameSender(existing, userId);
		try {
			return { checkIn: await store(userId, input, receivedAt), duplicate: false };
		} catch (error) {
			if (isUniqueViolation(error)) continue;
			if (error instanceof SummaryMoved && attempt < 5) continue;
			throw error;
		}
	}
}

function sameSender(existing: NonNullable<StoredCheckIn>, userId: string) {
	// Ids are random UUIDs: another person's id here is an attempt to probe, not a coincidence.
	if (existing.userId !== userId) throw new DomainError('patrol_id_taken', { status: 409 });
	return { checkIn: existing, duplicate: true };
}

async function store(userId: string, input: CheckInInput, receivedAt: Date) {
	const patrol = await patrolOf(userId, input.assignmentId);
	if (!patrol.routeId) throw new DomainError('patrol_no_route', { status: 409 });
	const time = honestTime(input, receivedAt);
	if (patrol.endedAt && time.happenedAt > patrol.endedAt) {
		throw new DomainError('patrol_ended', { status: 409 });
	}
	const route = await db.route.findUnique({
		where: { id: patrol.routeId },
		select: {
			expectedIntervalMinutes: true,
			checkpoints: { select: checkpointSelect, orderBy: { position: 'asc' } }
		}
	});
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

	const stored = await db.$transaction(async (tx) => {
		const row = await tx.checkIn.create({
			data: {
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
			},
			select: checkInSelect
		});
		const summary = inOrder
			? advance(readSummary(patrol), {
					checkpointId: checkpoint.id,
					position: checkpoint.position,
					happenedAt: time.happenedAt,
					onRoute,
					flagged: outOfOrder || far || wrongRoute
				})
			: summarize(
					(
						await tx.checkIn.findMany({
							where: { patrolId: patrol.id },
							select: {
								checkpointId: true,
								checkpointPosition: true,
								happenedAt: true,
								routeId: true,
								outOfOrder: true,
								far: true,
								wrongRoute: true
							}
						})
					).map((c) => ({
						checkpointId: c.checkpointId,
						position: c.checkpointPosition,
						happenedAt: c.happenedAt,
						onRoute: c.routeId === patrol.routeId,
						flagged: c.outOfOrder || c.far || c.wrongRoute
					}))
				);
		const lastSign = Math.max(patrol.startedAt.getTime(), summary.lastCheckInAt!.getTime());
		const dueAt = patrol.endedAt ? null : new Date(lastSign + route.expectedIntervalMinutes * MINUTE);
		// A check-in that still leaves the patrol overdue (an old one, synced late) keeps the alert.
		const backOnTime = dueAt === null || dueAt > receivedAt;
		// Compare-and-set on the count: two check-ins of one patrol at once cannot both advance it
		// from the same summary (PostgreSQL runs them side by side; SQLite one after the other).
		const updated = await tx.patrol.updateMany({
			where: { id: patrol.id, checkInCount: patrol.checkInCount },
			data: {
				...writeSummary(summary),
				dueAt,
				clockOffsetSeconds: time.clockOffsetSeconds,
				...(backOnTime ? { overdueAlerted: false } : {})
			}
		});
		if (updated.count === 0) throw new SummaryMoved();
		if (backOnTime && patrol.overdueAlerted) {
			await tx.patrolAlert.updateMany({
				where: { patrolId: patrol.id, kind: 'OVERDUE', clearedAt: null },
				data: { clearedAt: receivedAt }
			});
		}
		return row;
	});
	await announcePatrol(patrol);
	return stored;
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

/** A patrol's check-ins, latest first, for the volunteer's own screen and the leader's view. */
export async function checkInsOf(patrolId: string, take = 200) {
	return db.checkIn.findMany({
		where: { patrolId },
		orderBy: { happenedAt: 'desc' },
		take,
		select: checkInSelect
	});
}
