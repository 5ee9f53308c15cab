// SOS: a volunteer's call for help, and the answers to it. The phone sends it through its outbox
// (an id made on the phone, its own time and the time it sent it), so an SOS made in a dead zone
// arrives once, when the signal comes back, with the honest time it was pressed. Raising it and
// calling on the first step of its ladder (escalation.ts) happen in one transaction.
import type { SosDetailInput, SosInput } from '$lib/schemas/escalation';
import { db, isUniqueViolation, type Role, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { wakeDeliveries } from '../notify/deliver';
import { honestTime } from '../patrols/times';
import { shiftName } from '$lib/shifts/name';
import {
	ACTIVE_STATUSES,
	alertFor,
	alertTimeline,
	announceAlerts,
	raiseAlertIn,
	record,
	resolveAlert,
	type AlertRow
} from './alerts';
import { startEscalationIn } from './escalation';
import { touchPresence } from './presence';
import { alertSettings } from './settings';

export interface SosActor {
	id: string;
	role: Role;
}

/** Where the person is on duty now: their running shift (a started patrol first), else none. */
export async function dutyOf(tx: Tx | typeof db, userId: string, now: Date) {
	const assignments = await tx.assignment.findMany({
		where: {
			userId,
			status: { in: ['ASSIGNED', 'PRESENT'] },
			shift: { startsAt: { lte: new Date(now.getTime() + 30 * 60_000) }, endsAt: { gt: now } }
		},
		select: {
			id: true,
			patrol: { select: { id: true, endedAt: true, lastCheckpointId: true } },
			shift: {
				select: {
					id: true,
					operationId: true,
					title: true,
					route: { select: { name: true, zoneId: true, zone: { select: { name: true, guestPhone: true } } } },
					post: { select: { name: true, zoneId: true, zone: { select: { name: true, guestPhone: true } } } }
				}
			}
		},
		orderBy: { shift: { startsAt: 'asc' } }
	});
	const running = assignments.find((a) => a.patrol && !a.patrol.endedAt) ?? assignments[0];
	if (!running) return null;
	const zone = running.shift.route?.zone ?? running.shift.post?.zone ?? null;
	return {
		assignmentId: running.id,
		patrolId: running.patrol && !running.patrol.endedAt ? running.patrol.id : null,
		lastCheckpointId: running.patrol?.lastCheckpointId ?? null,
		shiftId: running.shift.id,
		operationId: running.shift.operationId,
		zoneId: running.shift.route?.zoneId ?? running.shift.post?.zoneId ?? null,
		zoneName: zone?.name ?? null,
		place: shiftName(running.shift),
		/** The zone's emergency number (its security desk), else the command post's. */
		zonePhone: zone?.guestPhone ?? null
	};
}

/** The operation an SOS belongs to when the person is on no shift: the one they work on now. */
async function operationOf(userId: string, now: Date) {
	const member = await db.operationMember.findFirst({
		where: { userId, operation: { startsAt: { lte: now }, endsAt: { gte: now } } },
		select: { operationId: true }
	});
	return member?.operationId ?? null;
}

/**
 * What the phone keeps for an SOS offline: the number to call or text and the words of the text.
 * Read while online (the app stores it), used when the signal is gone.
 */
export async function sosContact(userId: string, now = new Date()) {
	const duty = await dutyOf(db, userId, now);
	const operationId = duty?.operationId ?? (await operationOf(userId, now));
	if (!operationId) return null;
	const settings = await alertSettings(operationId);
	const person = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
	return {
		phone: duty?.zonePhone ?? settings.commandPostPhone,
		place: [duty?.place, duty?.zoneName].filter(Boolean).join(', '),
		name: person?.name ?? ''
	};
}

export interface SosResult {
	alert: AlertRow;
	duplicate: boolean;
}

/** Raises an SOS (once per phone-made id) and calls on the first step of its ladder. */
export async function raiseSos(
	actor: SosActor,
	input: SosInput,
	receivedAt = new Date()
): Promise<SosResult> {
	const foldKey = `sos:${actor.id}:${input.id}`;
	const existing = await db.alert.findFirst({ where: { foldKey } });
	if (existing) return { alert: existing, duplicate: true };
	const time = honestTime(
		{ phoneTime: new Date(input.phoneTime), sentAt: input.sentAt ? new Date(input.sentAt) : undefined },
		receivedAt
	);
	const duty = await dutyOf(db, actor.id, receivedAt);
	const operationId = duty?.operationId ?? (await operationOf(actor.id, receivedAt));
	if (!operationId) throw new DomainError('sos_no_operation', { status: 409 });
	const person = await db.user.findUniqueOrThrow({
		where: { id: actor.id },
		select: { name: true, phone: true }
	});
	const presence = await db.presence.findUnique({ where: { userId: actor.id } });
	const fix =
		input.lat != null && input.lng != null
			? { lat: input.lat, lng: input.lng, accuracy: input.accuracy ?? null }
			: presence?.lat != null &&
				  presence.lng != null &&
				  presence.positionAt &&
				  receivedAt.getTime() - presence.positionAt.getTime() < 30 * 60_000
				? { lat: presence.lat, lng: presence.lng, accuracy: presence.accuracy }
				: null;
	let raised: SosResult;
	try {
		raised = await db.$transaction(async (tx) => {
			// Checked again inside: a copy that arrived meanwhile must not fold into it.
			const first = await tx.alert.findFirst({ where: { foldKey } });
			if (first) return { alert: first, duplicate: true };
			const { alert } = await raiseAlertIn(tx, {
				operationId,
				kind: 'SOS',
				priority: 'CRITICAL',
				foldKey,
				subjectUserId: actor.id,
				raisedById: actor.id,
				patrolId: duty?.patrolId ?? null,
				assignmentId: duty?.assignmentId ?? null,
				shiftId: duty?.shiftId ?? null,
				zoneId: duty?.zoneId ?? null,
				checkpointId: duty?.lastCheckpointId ?? null,
				lat: fix?.lat ?? null,
				lng: fix?.lng ?? null,
				accuracy: fix?.accuracy ?? null,
				at: time.happenedAt,
				params: {
					person: person.name,
					place: [duty?.place, duty?.zoneName].filter(Boolean).join(', '),
					sos: input.kind ?? null,
					note: input.note ?? null,
					phone: person.phone ?? null,
					receivedAt: receivedAt.toISOString()
				}
			});
			await startEscalationIn(tx, alert, receivedAt);
			await touchPresence(actor.id, fix ?? {}, receivedAt, tx);
			return { alert: await tx.alert.findUniqueOrThrow({ where: { id: alert.id } }), duplicate: false };
		});
	} catch (error) {
		// The same SOS arriving twice at once: the second finds the first.
		if (!isUniqueViolation(error)) throw error;
		const first = await db.alert.findFirst({ where: { foldKey } });
		if (!first) throw error;
		return { alert: first, duplicate: true };
	}
	if (raised.duplicate) return raised;
	await announceAlerts([raised.alert]);
	wakeDeliveries();
	return raised;
}

/** Kind and note added after the SOS went out, by the person who sent it. Idempotent per detail id. */
export async function addSosDetails(actor: SosActor, input: SosDetailInput) {
	const alert = await db.alert.findFirst({ where: { foldKey: `sos:${actor.id}:${input.sosId}` } });
	if (!alert) throw new DomainError('sos_not_yet', { status: 409 });
	const already = await db.alertEvent.findFirst({
		where: { alertId: alert.id, kind: 'details', data: { contains: input.id } },
		select: { id: true }
	});
	if (already) return { alert, duplicate: true };
	await db.$transaction(async (tx) => {
		const params = JSON.parse(alert.params) as Record<string, unknown>;
		await tx.alert.update({
			where: { id: alert.id },
			data: {
				params: JSON.stringify({
					...params,
					...(input.kind ? { sos: input.kind } : {}),
					...(input.note ? { note: input.note } : {})
				})
			}
		});
		await record(tx, alert, 'details', {
			actorId: actor.id,
			note: input.note ?? null,
			data: { detailId: input.id, sos: input.kind ?? null }
		});
	});
	await announceAlerts([alert]);
	return { alert, duplicate: false };
}

type Answer = 'on_my_way' | 'with_them';

/**
 * "I'm on my way" / "With them": the alert is taken on (the ladder stops) and the caller sees who
 * answered and when. Each person's answer is recorded once.
 */
export async function answerAlert(actor: SosActor, alertId: string, answer: Answer) {
	const at = new Date();
	const changed = await db.$transaction(async (tx) => {
		const alert = await alertFor(actor, alertId, tx);
		if (!ACTIVE_STATUSES.includes(alert.status)) throw new DomainError('alert_closed', { status: 409 });
		const already = await tx.alertEvent.count({ where: { alertId, kind: answer, actorId: actor.id } });
		if (already) return false;
		await tx.alert.updateMany({
			where: { id: alertId, status: 'OPEN' },
			data: { status: 'ACKNOWLEDGED', acknowledgedById: actor.id, acknowledgedAt: at, nextStepAt: null }
		});
		await tx.alert.update({ where: { id: alertId }, data: { nextStepAt: null } });
		await record(tx, alert, answer, { at, actorId: actor.id });
		return true;
	});
	const alert = await db.alert.findUniqueOrThrow({ where: { id: alertId } });
	if (changed) {
		await announceAlerts([alert]);
		wakeDeliveries();
	}
	return { alert, changed };
}

/** Resolved, with a note: through the core (same checks, the ladder stops with it). */
export function resolveSos(actor: SosActor, alertId: string, note: string) {
	return resolveAlert(actor, alertId, note);
}

/** The caller's SOS by the id their phone made (null until it has reached the server). */
export async function sosByPhoneId(userId: string, phoneId: string) {
	return db.alert.findFirst({ where: { foldKey: `sos:${userId}:${phoneId}` }, select: { id: true } });
}

/** The caller's own view of their SOS: where it stands and who is coming. */
export async function mySos(userId: string, alertId: string) {
	const alert = await db.alert.findUnique({ where: { id: alertId } });
	if (!alert || alert.raisedById !== userId || alert.kind !== 'SOS') throw new NotFoundError('alert');
	const events = await db.alertEvent.findMany({
		where: { alertId, kind: { in: ['on_my_way', 'with_them', 'resolved', 'cancelled', 'notified'] } },
		orderBy: [{ at: 'asc' }, { id: 'asc' }]
	});
	const names = new Map(
		(
			await db.user.findMany({
				where: { id: { in: events.map((e) => e.actorId).filter((id): id is string => !!id) } },
				select: { id: true, name: true, phone: true }
			})
		).map((person) => [person.id, person])
	);
	const operation = await db.operation.findUnique({
		where: { id: alert.operationId },
		select: { timezone: true }
	});
	return {
		alert: {
			id: alert.id,
			status: alert.status,
			raisedAt: alert.raisedAt,
			params: JSON.parse(alert.params) as Record<string, unknown>,
			lat: alert.lat,
			lng: alert.lng,
			step: alert.step
		},
		timezone: operation?.timezone ?? 'UTC',
		answers: events
			.filter((e) => e.kind === 'on_my_way' || e.kind === 'with_them')
			.map((e) => ({
				kind: e.kind as Answer,
				at: e.at,
				name: (e.actorId && names.get(e.actorId)?.name) || '',
				phone: (e.actorId && names.get(e.actorId)?.phone) || null
			})),
		notified: events.filter((e) => e.kind === 'notified').length
	};
}

/** The caller's latest SOS still open, if any (the SOS screen shows it instead of a new button). */
export async function openSosOf(userId: string) {
	return db.alert.findFirst({
		where: { raisedById: userId, kind: 'SOS', status: { in: ACTIVE_STATUSES } },
		orderBy: { raisedAt: 'desc' },
		select: { id: true }
	});
}

/** What a responder's page shows: the alert, its timeline with the names each step called on. */
export async function responderView(actor: SosActor, found: Awaited<ReturnType<typeof alertTimeline>>) {
	const ids = found.events.flatMap((event) =>
		event.kind === 'notified' && Array.isArray(event.data.userIds) ? (event.data.userIds as string[]) : []
	);
	const people = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
	const names = Object.fromEntries(people.map((person) => [person.id, person.name]));
	const operation = await db.operation.findUnique({
		where: { id: found.alert.operationId },
		select: { timezone: true }
	});
	const mine = await db.alertEvent.findMany({
		where: { alertId: found.alert.id, actorId: actor.id, kind: { in: ['on_my_way', 'with_them'] } },
		select: { kind: true }
	});
	const answered = (kind: string) => mine.some((event) => event.kind === kind);
	return {
		alert: found.alert,
		events: found.events.map((event) => ({
			...event,
			names:
				event.kind === 'notified' && Array.isArray(event.data.userIds)
					? (event.data.userIds as string[]).map((id) => names[id] ?? '')
					: []
		})),
		timezone: operation?.timezone ?? 'UTC',
		mine: { onMyWay: answered('on_my_way'), withThem: answered('with_them') }
	};
}
