// Spot checks: the seed's three-level supervision. Units check themselves (the shift's leader),
// lead units check the task (the zone's lead), inspectors check the key points (the operation's
// organizers). Any of them asks a patroller to prove presence: scan the next checkpoint's QR, with
// the phone's position, within N minutes. The phone gets a push and a banner.
//
// The answer is the patroller's next QR check-in with a position that raises no doubt: ON_TIME
// by the deadline, LATE within LATE_GRACE_MINUTES after it. Nothing by then: FAILED, an alert for
// the leader. The patroller may decline with a reason (a medical call, a crowd to stay with).
// Operations can also have them chosen at random, about once per patrol.
import { m } from '$lib/paraglide/messages';
import { formatTime } from '$lib/time';
import { raiseAlert, type AlertActor } from '../alerts/alerts';
import { audit } from '../audit';
import { db, type SpotCheckStatus, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { emit, type EventPayloads } from '../events';
import type { NoticeDraft } from '../notify/outbox';
import { announcePatrol } from './patrols';

const MINUTE = 60_000;
/** After the deadline, a scan still answers (late) for this long; then the check has failed. */
export const LATE_GRACE_MINUTES = 10;
/** Random checks start no earlier than this into a patrol. */
const RANDOM_AFTER_MINUTES = 10;
const BATCH = 200;

/** Who may ask: the patrol's shift leader, the zone's lead, the operation's organizers. */
async function maySupervise(
	actor: AlertActor,
	patrol: { operationId: string; shiftId: string; routeId: string | null }
) {
	if (actor.role === 'ADMIN') return true;
	const shift = await db.shift.findUnique({ where: { id: patrol.shiftId }, select: { leaderId: true } });
	if (shift?.leaderId === actor.id) return true;
	if (patrol.routeId) {
		const route = await db.route.findUnique({
			where: { id: patrol.routeId },
			select: { zone: { select: { leadId: true } } }
		});
		if (route?.zone.leadId === actor.id) return true;
	}
	if (actor.role !== 'ORGANIZER') return false;
	return (
		(await db.operationMember.count({ where: { operationId: patrol.operationId, userId: actor.id } })) > 0
	);
}

async function create(
	patrol: { id: string; operationId: string; shiftId: string; userId: string; routeId: string | null },
	requestedById: string | null,
	minutes: number,
	now: Date
) {
	const zoneId = patrol.routeId
		? ((await db.route.findUnique({ where: { id: patrol.routeId }, select: { zoneId: true } }))?.zoneId ??
			null)
		: null;
	return db.$transaction(async (tx) => {
		// One at a time per patrol: asking again while one waits returns that one.
		const waiting = await tx.spotCheck.findFirst({ where: { patrolId: patrol.id, status: 'PENDING' } });
		if (waiting) return { spotCheck: waiting, created: false };
		const spotCheck = await tx.spotCheck.create({
			data: {
				operationId: patrol.operationId,
				patrolId: patrol.id,
				shiftId: patrol.shiftId,
				userId: patrol.userId,
				routeId: patrol.routeId,
				zoneId,
				requestedById,
				requestedAt: now,
				dueAt: new Date(now.getTime() + minutes * MINUTE)
			}
		});
		await emit(tx, 'spot_check.requested', { spotCheckId: spotCheck.id });
		return { spotCheck, created: true };
	});
}

/** A supervisor asks for proof of presence within `minutes`. */
export async function requestSpotCheck(
	actor: AlertActor,
	patrolId: string,
	minutes: number,
	now = new Date()
) {
	const patrol = await db.patrol.findUnique({
		where: { id: patrolId },
		select: { id: true, operationId: true, shiftId: true, userId: true, routeId: true, endedAt: true }
	});
	if (!patrol || !(await maySupervise(actor, patrol))) throw new NotFoundError('patrol');
	if (patrol.endedAt) throw new DomainError('spot_check_patrol_ended', { status: 409 });
	if (!patrol.routeId) throw new DomainError('patrol_no_route', { status: 409 });
	const result = await create(patrol, actor.id, minutes, now);
	await announcePatrol(patrol);
	return result;
}

/** A spot check as its patroller sees it. */
export async function mySpotCheck(userId: string, spotCheckId: string) {
	const check = await db.spotCheck.findUnique({
		where: { id: spotCheckId },
		select: { id: true, userId: true, dueAt: true, status: true, operationId: true }
	});
	if (!check || check.userId !== userId) throw new NotFoundError('spot_check');
	const operation = await db.operation.findUnique({
		where: { id: check.operationId },
		select: { timezone: true }
	});
	return { id: check.id, dueAt: check.dueAt, status: check.status, timezone: operation?.timezone ?? 'UTC' };
}

/** The patroller's "I cannot now", with why. */
export async function declineSpotCheck(
	userId: string,
	spotCheckId: string,
	reason: string,
	now = new Date()
) {
	const check = await db.spotCheck.findUnique({ where: { id: spotCheckId } });
	if (!check || check.userId !== userId) throw new NotFoundError('spot_check');
	const { count } = await db.spotCheck.updateMany({
		where: { id: check.id, status: 'PENDING' },
		data: { status: 'DECLINED', answeredAt: now, reason }
	});
	if (!count) return { changed: false };
	await raiseResult(check, 'DECLINED', reason);
	return { changed: true };
}

/**
 * Called for each stored check-in: a QR scan with a position and no doubt answers the patrol's
 * waiting spot check (on time, or late within the grace period).
 */
export async function answerSpotCheck(checkIn: {
	id: string;
	patrolId: string;
	method: 'QR' | 'CODE';
	happenedAt: Date;
	hasPosition: boolean;
	doubtful: boolean;
}) {
	if (checkIn.method !== 'QR' || !checkIn.hasPosition || checkIn.doubtful) return null;
	const check = await db.spotCheck.findFirst({ where: { patrolId: checkIn.patrolId, status: 'PENDING' } });
	if (!check || checkIn.happenedAt < check.requestedAt) return null;
	const late = checkIn.happenedAt > check.dueAt;
	if (checkIn.happenedAt.getTime() > check.dueAt.getTime() + LATE_GRACE_MINUTES * MINUTE) return null;
	const status: SpotCheckStatus = late ? 'LATE' : 'ON_TIME';
	const { count } = await db.spotCheck.updateMany({
		where: { id: check.id, status: 'PENDING' },
		data: { status, answeredAt: checkIn.happenedAt, checkInId: checkIn.id }
	});
	return count ? status : null;
}

/** Failed and declined checks become an alert for the shift's leader (and organizers if failed). */
async function raiseResult(
	check: {
		id: string;
		operationId: string;
		patrolId: string;
		shiftId: string;
		userId: string;
		zoneId: string | null;
		routeId: string | null;
	},
	status: 'FAILED' | 'DECLINED',
	reason?: string
) {
	const [person, route] = await Promise.all([
		db.user.findUnique({ where: { id: check.userId }, select: { name: true } }),
		check.routeId ? db.route.findUnique({ where: { id: check.routeId }, select: { name: true } }) : null
	]);
	await raiseAlert({
		operationId: check.operationId,
		kind: 'SPOT_CHECK',
		priority: status === 'FAILED' ? 'HIGH' : 'NORMAL',
		foldKey: `spot:${check.patrolId}`,
		subjectUserId: check.userId,
		patrolId: check.patrolId,
		shiftId: check.shiftId,
		zoneId: check.zoneId,
		params: { person: person?.name ?? '', place: route?.name ?? '', result: status, reason: reason ?? null }
	});
}

/** The watch: unanswered checks past the grace period fail; random checks are chosen. */
export async function watchSpotChecks(now = new Date(), random: () => number = Math.random) {
	const overdue = await db.spotCheck.findMany({
		where: { status: 'PENDING', dueAt: { lt: new Date(now.getTime() - LATE_GRACE_MINUTES * MINUTE) } },
		take: BATCH
	});
	let failed = 0;
	for (const check of overdue) {
		const { count } = await db.spotCheck.updateMany({
			where: { id: check.id, status: 'PENDING' },
			data: { status: 'FAILED', answeredAt: now }
		});
		if (!count) continue;
		failed++;
		await raiseResult(check, 'FAILED');
	}
	return { failed, random: await chooseRandom(now, random) };
}

/**
 * About one random check per patrol: each patrol not yet checked, ten minutes in, is picked on
 * this run with a chance that spreads the checks over the rest of its shift.
 */
async function chooseRandom(now: Date, random: () => number, everyMs = 30_000) {
	const candidates = await db.patrol.findMany({
		where: {
			endedAt: null,
			startedAt: { lte: new Date(now.getTime() - RANDOM_AFTER_MINUTES * MINUTE) },
			routeId: { not: null },
			spotChecks: { none: {} },
			assignment: { shift: { endsAt: { gt: now }, operation: { randomSpotChecks: true } } }
		},
		take: BATCH,
		select: {
			id: true,
			operationId: true,
			shiftId: true,
			userId: true,
			routeId: true,
			assignment: {
				select: { shift: { select: { endsAt: true, operation: { select: { spotCheckMinutes: true } } } } }
			}
		}
	});
	let chosen = 0;
	for (const patrol of candidates) {
		const { endsAt, operation } = patrol.assignment.shift;
		const left =
			endsAt.getTime() - now.getTime() - (operation.spotCheckMinutes + LATE_GRACE_MINUTES) * MINUTE;
		if (left <= 0) continue;
		if (random() > Math.min(1, everyMs / (left / 2))) continue;
		const { created } = await create(patrol, null, operation.spotCheckMinutes, now);
		if (created) {
			chosen++;
			await announcePatrol(patrol);
		}
	}
	return chosen;
}

/** The operation's random spot checks, on or off, and how many minutes a check gives. Audited. */
export async function saveSpotCheckSettings(
	actorId: string,
	operationId: string,
	input: { randomSpotChecks: boolean; spotCheckMinutes: number }
) {
	await db.$transaction(async (tx) => {
		await tx.operation.update({ where: { id: operationId }, data: input });
		await audit(tx, {
			actorId,
			action: 'operation.spot_checks_updated',
			subjectType: 'Operation',
			subjectId: operationId,
			operationId,
			detail: input
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Reading.

export interface SpotCheckFilter {
	shiftId?: string;
	zoneId?: string;
	userId?: string;
	from?: Date;
}

export async function listSpotChecks(operationId: string, filter: SpotCheckFilter = {}, take = 200) {
	const where = {
		operationId,
		...(filter.shiftId ? { shiftId: filter.shiftId } : {}),
		...(filter.zoneId ? { zoneId: filter.zoneId } : {}),
		...(filter.userId ? { userId: filter.userId } : {}),
		...(filter.from ? { requestedAt: { gte: filter.from } } : {})
	};
	const [rows, groups] = await Promise.all([
		db.spotCheck.findMany({ where, orderBy: { requestedAt: 'desc' }, take }),
		db.spotCheck.groupBy({ by: ['status'], where, _count: { _all: true } })
	]);
	const ids = [
		...new Set(rows.flatMap((r) => [r.userId, r.requestedById]).filter((id): id is string => !!id))
	];
	const [people, routes, zones] = await Promise.all([
		db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
		db.route.findMany({
			where: { id: { in: [...new Set(rows.map((r) => r.routeId).filter((id): id is string => !!id))] } },
			select: { id: true, name: true }
		}),
		db.zone.findMany({ where: { operationId }, select: { id: true, name: true } })
	]);
	const name = new Map([...people, ...routes, ...zones].map((p) => [p.id, p.name]));
	const counts: Record<SpotCheckStatus, number> = { PENDING: 0, ON_TIME: 0, LATE: 0, FAILED: 0, DECLINED: 0 };
	for (const group of groups) counts[group.status] = group._count._all;
	return {
		counts,
		zones,
		checks: rows.map((row) => ({
			id: row.id,
			status: row.status,
			requestedAt: row.requestedAt,
			dueAt: row.dueAt,
			answeredAt: row.answeredAt,
			reason: row.reason,
			shiftId: row.shiftId,
			userId: row.userId,
			person: name.get(row.userId) ?? '',
			requestedBy: row.requestedById ? (name.get(row.requestedById) ?? '') : null,
			route: row.routeId ? (name.get(row.routeId) ?? '') : '',
			zone: row.zoneId ? (name.get(row.zoneId) ?? '') : '',
			zoneId: row.zoneId
		}))
	};
}

/** The waiting spot check of each of these patrols (the phone's banner, the leader's view). */
export async function waitingSpotChecks(patrolIds: string[]) {
	if (!patrolIds.length) return new Map<string, { id: string; dueAt: Date; requestedAt: Date }>();
	const rows = await db.spotCheck.findMany({
		where: { patrolId: { in: patrolIds }, status: 'PENDING' },
		select: { id: true, patrolId: true, dueAt: true, requestedAt: true }
	});
	return new Map(rows.map((row) => [row.patrolId, row]));
}

/** The patroller's notice: a push and an inbox message, in their language. */
export async function spotCheckNotices(
	tx: Tx,
	p: EventPayloads['spot_check.requested']
): Promise<NoticeDraft[]> {
	const check = await tx.spotCheck.findUnique({
		where: { id: p.spotCheckId },
		select: { id: true, userId: true, operationId: true, dueAt: true, status: true }
	});
	if (!check || check.status !== 'PENDING') return [];
	const [person, operation] = await Promise.all([
		tx.user.findUnique({ where: { id: check.userId }, select: { locale: true, status: true } }),
		tx.operation.findUnique({ where: { id: check.operationId }, select: { timezone: true } })
	]);
	if (!person || person.status !== 'ACTIVE') return [];
	const locale = (['en', 'zh', 'th', 'vi'].includes(person.locale) ? person.locale : 'en') as 'en';
	return [
		{
			userId: check.userId,
			kind: 'spot_check',
			title: m.spot_check_notice_title({}, { locale }),
			body: m.spot_check_notice_body(
				{ time: formatTime(check.dueAt, operation?.timezone ?? 'UTC', locale) },
				{ locale }
			),
			url: '/patrol',
			topic: `spot:${check.id}`,
			urgency: 'HIGH',
			operationId: check.operationId
		}
	];
}
