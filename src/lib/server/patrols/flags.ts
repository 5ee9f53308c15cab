// A leader's word on a doubtful check-in: the doubt is right (confirmed: it stays out of the
// visits) or not (dismissed: it counts as a visit from now on). Either way with a note, audited.
// Leaders of the patrol's shift, the zone's lead and the operation's organizers decide.
import { mayHandle, type AlertActor } from '../alerts/alerts';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { recountVisits } from './check-ins';
import { readFlags } from './evidence';
import { announcePatrol } from './patrols';

export type FlagDecision = 'CONFIRMED' | 'DISMISSED';

async function checkInFor(actor: AlertActor, checkInId: string) {
	const checkIn = await db.checkIn.findUnique({
		where: { id: checkInId },
		select: {
			id: true,
			flags: true,
			doubtful: true,
			flagReview: true,
			checkpointId: true,
			routeId: true,
			patrol: { select: { id: true, operationId: true, shiftId: true } }
		}
	});
	const patrol = checkIn?.patrol;
	const route = checkIn
		? await db.route.findUnique({ where: { id: checkIn.routeId }, select: { zoneId: true } })
		: null;
	if (
		!checkIn ||
		!patrol ||
		!(await mayHandle(actor, {
			operationId: patrol.operationId,
			shiftId: patrol.shiftId,
			zoneId: route?.zoneId ?? null,
			assignedToId: null
		}))
	) {
		throw new NotFoundError('check_in');
	}
	return { ...checkIn, patrol };
}

/** Decides a flagged check-in. Deciding again replaces the decision (and says so in the audit). */
export async function reviewFlag(actor: AlertActor, checkInId: string, decision: FlagDecision, note: string) {
	const checkIn = await checkInFor(actor, checkInId);
	if (readFlags(checkIn.flags).length === 0) throw new DomainError('check_in_not_flagged', { status: 409 });
	if (checkIn.flagReview === decision) return { changed: false };
	await db.$transaction(async (tx) => {
		await tx.checkIn.update({
			where: { id: checkIn.id },
			data: {
				flagReview: decision,
				flagReviewedById: actor.id,
				flagReviewedAt: new Date(),
				flagNote: note,
				doubtful: decision === 'CONFIRMED'
			}
		});
		await audit(tx, {
			actorId: actor.id,
			action: decision === 'CONFIRMED' ? 'check_in_flag_confirmed' : 'check_in_flag_dismissed',
			subjectType: 'CheckIn',
			subjectId: checkIn.id,
			operationId: checkIn.patrol.operationId,
			detail: { note, before: checkIn.flagReview }
		});
	});
	if (checkIn.checkpointId) await recountVisits(checkIn.checkpointId);
	await announcePatrol({
		id: checkIn.patrol.id,
		operationId: checkIn.patrol.operationId,
		shiftId: checkIn.patrol.shiftId
	});
	return { changed: true };
}

/** The flagged check-ins of an operation still waiting for a decision, newest first. */
export function flagsToReview(operationId: string, take = 50) {
	return waitingFlags({ operationId }, take);
}

/** The same for a leader's shifts. */
export function flagsOfShifts(shiftIds: string[], take = 100) {
	return waitingFlags({ shiftId: { in: shiftIds } }, take);
}

/**
 * In two steps, both on indexes: the patrols with something flagged (of the last day), then their
 * doubtful check-ins; never a scan of all check-ins for the doubtful ones.
 */
async function waitingFlags(patrol: { operationId: string } | { shiftId: { in: string[] } }, take: number) {
	const patrols = await db.patrol.findMany({
		where: {
			...patrol,
			flaggedCount: { gt: 0 },
			startedAt: { gte: new Date(Date.now() - 24 * 60 * 60_000) }
		},
		select: { id: true }
	});
	if (!patrols.length) return [];
	const rows = await db.checkIn.findMany({
		where: { doubtful: true, flagReview: null, patrolId: { in: patrols.map((p) => p.id) } },
		orderBy: { happenedAt: 'desc' },
		take,
		select: {
			id: true,
			checkpointName: true,
			method: true,
			happenedAt: true,
			receivedAt: true,
			lat: true,
			accuracy: true,
			flags: true,
			patrol: {
				select: { id: true, shiftId: true, assignment: { select: { user: { select: { name: true } } } } }
			}
		}
	});
	return rows.map(({ patrol, flags, lat, ...row }) => ({
		...row,
		hasPosition: lat !== null,
		flags: readFlags(flags),
		patrolId: patrol.id,
		shiftId: patrol.shiftId,
		name: patrol.assignment.user.name
	}));
}

export type FlagToReview = Awaited<ReturnType<typeof flagsToReview>>[number];
