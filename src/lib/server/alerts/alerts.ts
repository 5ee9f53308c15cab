// Alerts: something that needs a person to act. One row per situation, whatever raised it (the
// patrol watch, a check-in, a spot check, an SOS): raising the same situation again while it is
// open or acknowledged folds into the row (count, lastRaisedAt, a "folded" event), so the board
// and the inbox show one alert per situation, not one per tick of the watch.
//
// Concurrency: `openKey` holds the foldKey while the alert is active and is unique, so two app
// instances raising the same situation at once cannot both create a row; the loser's transaction
// fails on the index and is retried, and then folds into the winner's row.
//
// Every change is written with its AlertEvent and an outbox event ("alert.changed") in one
// transaction; the notifications worker turns that into one inbox notice per alert and recipient,
// updated in place (the push Topic replaces the phone's notification).
import {
	db,
	isUniqueViolation,
	type AlertKind,
	type AlertPriority,
	type AlertStatus,
	type Db,
	type Role,
	type Tx
} from '../db';
import { DomainError, NotFoundError } from '../errors';
import { emit } from '../events';
import {
	announceRequest,
	closeRequestOfAlert,
	requestIdOfAlert,
	takeRequestOfAlert,
	type LinkedRequest
} from '../guests/alert-link';
import { publish } from '../live/bus';
import { coverageChannel, teamChannel } from '../patrols/channels';
import { ESCALATING_KINDS, wasCalledOn } from './called-on';

/** Statuses of an alert someone still has to handle. */
export const ACTIVE_STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED'];

const PRIORITY_RANK: Record<AlertPriority, number> = { CRITICAL: 0, HIGH: 1, NORMAL: 2 };

/** The change an "alert.changed" event reports; the SOS helper's escalation adds its own. */
export type AlertChange =
	| 'raised'
	| 'folded'
	| 'reopened'
	| 'acknowledged'
	| 'assigned'
	| 'resolved'
	| 'cancelled'
	| 'cleared'
	| (string & {});

export type AlertParams = Record<string, string | number | boolean | null | string[]>;

export interface RaiseInput {
	operationId: string;
	kind: AlertKind;
	priority?: AlertPriority;
	/** Raises with the same key fold into one alert while it is active ("overdue:<patrolId>"). */
	foldKey: string;
	subjectUserId?: string | null;
	raisedById?: string | null;
	patrolId?: string | null;
	assignmentId?: string | null;
	shiftId?: string | null;
	zoneId?: string | null;
	checkpointId?: string | null;
	lat?: number | null;
	lng?: number | null;
	accuracy?: number | null;
	/** What the message needs; merged over the alert's params on a fold. */
	params?: AlertParams;
	at?: Date;
	/** Hand it to this person at once (raised by someone who sends them: "go and look"). */
	assignedToId?: string | null;
	/**
	 * The same situation back again after the system cleared it (a patrol overdue again after a
	 * check-in): reopen that alert instead of opening a new one. Never reopens one a person resolved.
	 */
	reopen?: boolean;
}

export type AlertRow = NonNullable<Awaited<ReturnType<Db['alert']['findUnique']>>>;

export interface RaiseResult {
	alert: AlertRow;
	created: boolean;
	change: 'raised' | 'folded' | 'reopened';
}

/** Records one step of the alert's timeline and the outbox event the notifications worker reads. */
export async function record(
	tx: Tx,
	alert: { id: string },
	change: AlertChange,
	step: { actorId?: string | null; note?: string | null; data?: Record<string, unknown>; at?: Date } = {}
) {
	await tx.alertEvent.create({
		data: {
			alertId: alert.id,
			kind: change,
			at: step.at ?? new Date(),
			actorId: step.actorId ?? null,
			note: step.note ?? null,
			data: JSON.stringify(step.data ?? {})
		}
	});
	await emit(tx, 'alert.changed', {
		alertId: alert.id,
		change,
		actorId: step.actorId ?? null,
		...(typeof step.data?.to === 'string' ? { toUserId: step.data.to } : {})
	});
}

const higher = (a: AlertPriority, b: AlertPriority) => (PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b);

const mergeParams = (stored: string, more: AlertParams | undefined) =>
	JSON.stringify({ ...(JSON.parse(stored) as AlertParams), ...(more ?? {}) });

const place = (input: RaiseInput) => ({
	...(input.lat != null && input.lng != null
		? { lat: input.lat, lng: input.lng, accuracy: input.accuracy ?? null }
		: {})
});

/** Fold, reopen or create, inside the caller's transaction; then hand it over if asked to. */
export async function raiseAlertIn(tx: Tx, input: RaiseInput): Promise<RaiseResult> {
	const result = await foldOrCreate(tx, input);
	if (!input.assignedToId || result.alert.assignedToId === input.assignedToId) return result;
	const at = input.at ?? new Date();
	const alert = await tx.alert.update({
		where: { id: result.alert.id },
		data: {
			assignedToId: input.assignedToId,
			...(result.alert.status === 'OPEN'
				? { status: 'ACKNOWLEDGED', acknowledgedById: input.raisedById ?? null, acknowledgedAt: at }
				: {})
		}
	});
	await record(tx, alert, 'assigned', { at, actorId: input.raisedById, data: { to: input.assignedToId } });
	return { ...result, alert };
}

async function foldOrCreate(tx: Tx, input: RaiseInput): Promise<RaiseResult> {
	const at = input.at ?? new Date();
	const active = await tx.alert.findUnique({ where: { openKey: input.foldKey } });
	if (active) {
		const alert = await tx.alert.update({
			where: { id: active.id },
			data: {
				count: { increment: 1 },
				lastRaisedAt: at,
				priority: higher(active.priority, input.priority ?? 'NORMAL'),
				params: mergeParams(active.params, input.params),
				...place(input)
			}
		});
		await record(tx, alert, 'folded', { at, actorId: input.raisedById, data: { count: alert.count } });
		return { alert, created: false, change: 'folded' };
	}
	if (input.reopen) {
		const cleared = await tx.alert.findFirst({
			where: { foldKey: input.foldKey, status: 'RESOLVED', clearedAt: { not: null }, resolvedById: null },
			orderBy: { raisedAt: 'desc' }
		});
		if (cleared) {
			const alert = await tx.alert.update({
				where: { id: cleared.id },
				data: {
					status: 'OPEN',
					openKey: input.foldKey,
					count: { increment: 1 },
					lastRaisedAt: at,
					priority: higher(cleared.priority, input.priority ?? 'NORMAL'),
					params: mergeParams(cleared.params, input.params),
					clearedAt: null,
					resolvedAt: null,
					acknowledgedAt: null,
					acknowledgedById: null,
					...place(input)
				}
			});
			await record(tx, alert, 'reopened', { at, data: { count: alert.count } });
			return { alert, created: false, change: 'reopened' };
		}
	}
	const alert = await tx.alert.create({
		data: {
			operationId: input.operationId,
			kind: input.kind,
			priority: input.priority ?? 'NORMAL',
			foldKey: input.foldKey,
			openKey: input.foldKey,
			raisedAt: at,
			lastRaisedAt: at,
			subjectUserId: input.subjectUserId ?? null,
			raisedById: input.raisedById ?? null,
			patrolId: input.patrolId ?? null,
			assignmentId: input.assignmentId ?? null,
			shiftId: input.shiftId ?? null,
			zoneId: input.zoneId ?? null,
			checkpointId: input.checkpointId ?? null,
			params: JSON.stringify(input.params ?? {}),
			...place(input)
		}
	});
	await record(tx, alert, 'raised', { at, actorId: input.raisedById });
	return { alert, created: true, change: 'raised' };
}

/**
 * Raises an alert (or folds it into the active one of the same key), in its own transaction,
 * and tells the boards. `raiseAlert(tx, input)` works inside the caller's transaction instead;
 * the caller then calls `announceAlerts` after its commit, and retries on a unique violation
 * (two instances raising the same new situation at the same moment).
 */
export async function raiseAlert(input: RaiseInput): Promise<RaiseResult>;
export async function raiseAlert(tx: Tx | Db, input: RaiseInput): Promise<RaiseResult>;
export async function raiseAlert(first: RaiseInput | Tx | Db, second?: RaiseInput): Promise<RaiseResult> {
	if (second && first !== db) return raiseAlertIn(first as Tx, second);
	const input = (second ?? first) as RaiseInput;
	for (let attempt = 0; ; attempt++) {
		try {
			const result = await db.$transaction((tx) => raiseAlertIn(tx, input));
			await announceAlerts([result.alert]);
			return result;
		} catch (error) {
			if (!isUniqueViolation(error) || attempt >= 3) throw error;
		}
	}
}

/** Tells the boards that show these alerts to reload. A lost notice must not fail the caller. */
export async function announceAlerts(alerts: { operationId: string; shiftId?: string | null }[]) {
	const channels = new Set(
		alerts.flatMap((a) => [coverageChannel(a.operationId), ...(a.shiftId ? [teamChannel(a.shiftId)] : [])])
	);
	for (const channel of channels) {
		try {
			await publish(channel, { alerts: true });
		} catch (error) {
			console.error('[alerts] live notice failed', error);
		}
	}
}

/**
 * The situation ended by itself (the person started; the patrol checked in again): its active
 * alerts are resolved by the system, with a "cleared" event saying why. Returns the cleared alerts.
 */
export async function clearAlertsIn(
	tx: Tx,
	where: { foldKey?: string; patrolId?: string; assignmentId?: string; kinds?: AlertKind[] },
	reason: string,
	at = new Date()
) {
	const alerts = await tx.alert.findMany({
		where: {
			status: { in: ACTIVE_STATUSES },
			...(where.foldKey ? { foldKey: where.foldKey } : {}),
			...(where.patrolId ? { patrolId: where.patrolId } : {}),
			...(where.assignmentId ? { assignmentId: where.assignmentId } : {}),
			...(where.kinds ? { kind: { in: where.kinds } } : {})
		},
		select: { id: true, operationId: true, shiftId: true }
	});
	const cleared = [];
	for (const alert of alerts) {
		const { count } = await tx.alert.updateMany({
			where: { id: alert.id, status: { in: ACTIVE_STATUSES } },
			data: { status: 'RESOLVED', openKey: null, clearedAt: at, resolvedAt: at, resolvedById: null }
		});
		if (!count) continue;
		await record(tx, alert, 'cleared', { at, data: { reason } });
		cleared.push(alert);
	}
	return cleared;
}

/**
 * Someone took the situation on themselves elsewhere (a volunteer's "I'm coming" to a guest): the
 * active alert of `foldKey` is assigned to them, and acknowledged by them if nobody had. In the
 * caller's transaction; returns the alert when it changed.
 */
export async function takeAlertIn(tx: Tx, foldKey: string, userId: string, at = new Date()) {
	const alert = await tx.alert.findUnique({ where: { openKey: foldKey } });
	if (!alert || alert.assignedToId === userId) return null;
	const taken = await tx.alert.update({
		where: { id: alert.id },
		data: {
			assignedToId: userId,
			...(alert.status === 'OPEN'
				? { status: 'ACKNOWLEDGED', acknowledgedById: userId, acknowledgedAt: at }
				: {})
		}
	});
	await record(tx, taken, 'assigned', { at, actorId: userId, data: { to: userId } });
	return taken;
}

/**
 * The work was done elsewhere by a person (a guest's request closed by whoever helped): the
 * active alert of `foldKey` is resolved by them, in the caller's transaction. Returns the alerts
 * it resolved.
 */
export async function resolveAlertsIn(
	tx: Tx,
	foldKey: string,
	actorId: string,
	note: string | null = null,
	at = new Date()
) {
	const alert = await tx.alert.findUnique({
		where: { openKey: foldKey },
		select: { id: true, operationId: true, shiftId: true, acknowledgedAt: true }
	});
	if (!alert) return [];
	const { count } = await tx.alert.updateMany({
		where: { id: alert.id, status: { in: ACTIVE_STATUSES } },
		data: {
			status: 'RESOLVED',
			openKey: null,
			resolvedById: actorId,
			resolvedAt: at,
			resolutionNote: note,
			...(alert.acknowledgedAt ? {} : { acknowledgedById: actorId, acknowledgedAt: at })
		}
	});
	if (!count) return [];
	await record(tx, alert, 'resolved', { at, actorId, note });
	return [alert];
}

/** clearAlertsIn in its own transaction, then the boards are told. */
export async function clearAlerts(
	where: Parameters<typeof clearAlertsIn>[1],
	reason: string,
	at = new Date()
) {
	const cleared = await db.$transaction((tx) => clearAlertsIn(tx, where, reason, at));
	if (cleared.length) await announceAlerts(cleared);
	return cleared.length;
}

// ---------------------------------------------------------------------------------------------
// People acting on alerts.

export interface AlertActor {
	id: string;
	role: Role;
}

/**
 * Whether `actor` may handle this alert: an admin; an organizer of its operation; the leader of
 * its shift; the lead of its zone; the person it is assigned to; for an escalating alert (SOS,
 * welfare check), anyone its escalation called on (escalation.ts).
 */
export async function mayHandle(
	actor: AlertActor,
	alert: {
		id?: string;
		kind?: AlertKind;
		operationId: string;
		shiftId: string | null;
		zoneId: string | null;
		assignedToId: string | null;
	},
	client: Db | Tx = db
): Promise<boolean> {
	if (actor.role === 'ADMIN') return true;
	if (alert.assignedToId === actor.id) return true;
	if (alert.id && alert.kind && (ESCALATING_KINDS as readonly AlertKind[]).includes(alert.kind)) {
		if (await wasCalledOn(client, alert.id, actor.id)) return true;
	}
	// Leading the alert's shift or zone is a right over that shift or zone, of this operation.
	if (alert.shiftId) {
		const shift = await client.shift.findUnique({ where: { id: alert.shiftId }, select: { leaderId: true } });
		if (shift?.leaderId === actor.id) return true;
	}
	if (alert.zoneId) {
		const zone = await client.zone.findUnique({ where: { id: alert.zoneId }, select: { leadId: true } });
		if (zone?.leadId === actor.id) return true;
	}
	if (actor.role !== 'ORGANIZER') return false;
	const member = await client.operationMember.findUnique({
		where: { operationId_userId: { operationId: alert.operationId, userId: actor.id } },
		select: { userId: true }
	});
	return member !== null;
}

/** The alert, when `actor` may handle it; 404 otherwise (ids cannot be probed). */
export async function alertFor(actor: AlertActor, alertId: string, client: Db | Tx = db): Promise<AlertRow> {
	const alert = await client.alert.findUnique({ where: { id: alertId } });
	if (!alert || !(await mayHandle(actor, alert, client))) throw new NotFoundError('alert');
	return alert;
}

async function act(
	actor: AlertActor,
	alertId: string,
	change: (tx: Tx, alert: AlertRow, at: Date) => Promise<boolean>
): Promise<{ alert: AlertRow; changed: boolean }> {
	const at = new Date();
	const changed = await db.$transaction(async (tx) => change(tx, await alertFor(actor, alertId, tx), at));
	const alert = await db.alert.findUniqueOrThrow({ where: { id: alertId } });
	if (changed) await announceAlerts([alert]);
	return { alert, changed };
}

/**
 * "I have seen it and I am on it." Idempotent: the first acknowledgement is kept. Taking on a
 * guest's GUEST_HELP alert takes their request too, in the same transaction: the guest's page then
 * shows who is coming, and the alert is theirs as after "I'm coming" (guests/alert-link.ts).
 */
export async function acknowledgeAlert(actor: AlertActor, alertId: string) {
	let request = null as LinkedRequest | null;
	const result = await act(actor, alertId, async (tx, alert, at) => {
		if (alert.status === 'OPEN') request = await takeRequestOfAlert(tx, alert, actor, at);
		if (request) return (await takeAlertIn(tx, alert.foldKey, actor.id, at)) !== null;
		const { count } = await tx.alert.updateMany({
			where: { id: alert.id, status: 'OPEN' },
			data: { status: 'ACKNOWLEDGED', acknowledgedById: actor.id, acknowledgedAt: at }
		});
		if (count) await record(tx, alert, 'acknowledged', { at, actorId: actor.id });
		return count > 0;
	});
	if (request) await announceRequest(request);
	return result;
}

/**
 * Hands the alert to a person of its operation (who then may handle it too). Assigning takes the
 * alert on, so an open alert is acknowledged by the one who assigns it. Idempotent.
 */
export function assignAlert(actor: AlertActor, alertId: string, toUserId: string, note?: string | null) {
	return act(actor, alertId, async (tx, alert, at) => {
		if (!ACTIVE_STATUSES.includes(alert.status)) throw new DomainError('alert_closed', { status: 409 });
		if (alert.assignedToId === toUserId) return false;
		const person = await tx.user.findFirst({
			where: {
				id: toUserId,
				status: 'ACTIVE',
				OR: [{ role: 'ADMIN' }, { memberships: { some: { operationId: alert.operationId } } }]
			},
			select: { id: true }
		});
		if (!person) throw new DomainError('alert_assignee_unknown', { field: 'userId', status: 404 });
		await tx.alert.update({
			where: { id: alert.id },
			data: {
				assignedToId: toUserId,
				...(alert.status === 'OPEN'
					? { status: 'ACKNOWLEDGED', acknowledgedById: actor.id, acknowledgedAt: at }
					: {})
			}
		});
		await record(tx, alert, 'assigned', { at, actorId: actor.id, note, data: { to: toUserId } });
		return true;
	});
}

/**
 * Done, with what was done. Idempotent: resolving a resolved alert changes nothing. A guest's
 * help request closes with its GUEST_HELP alert (guests/alert-link.ts).
 */
export async function resolveAlert(actor: AlertActor, alertId: string, note: string) {
	let request = null as LinkedRequest | null;
	const result = await act(actor, alertId, async (tx, alert, at) => {
		if (ACTIVE_STATUSES.includes(alert.status)) request = await closeRequestOfAlert(tx, alert, at);
		const { count } = await tx.alert.updateMany({
			where: { id: alert.id, status: { in: ACTIVE_STATUSES } },
			data: {
				status: 'RESOLVED',
				openKey: null,
				resolvedById: actor.id,
				resolvedAt: at,
				resolutionNote: note,
				...(alert.acknowledgedAt ? {} : { acknowledgedById: actor.id, acknowledgedAt: at })
			}
		});
		if (count) await record(tx, alert, 'resolved', { at, actorId: actor.id, note });
		return count > 0;
	});
	if (request) await announceRequest(request);
	return result;
}

/**
 * A false alarm, called off by whoever raised it (or anyone who may handle it). Idempotent. A
 * guest's help request closes with its GUEST_HELP alert, as on resolving.
 */
export async function cancelAlert(actor: AlertActor, alertId: string, note?: string | null) {
	const at = new Date();
	let request = null as LinkedRequest | null;
	const changed = await db.$transaction(async (tx) => {
		const alert = await tx.alert.findUnique({ where: { id: alertId } });
		if (!alert || (alert.raisedById !== actor.id && !(await mayHandle(actor, alert, tx)))) {
			throw new NotFoundError('alert');
		}
		if (ACTIVE_STATUSES.includes(alert.status)) request = await closeRequestOfAlert(tx, alert, at);
		const { count } = await tx.alert.updateMany({
			where: { id: alert.id, status: { in: ACTIVE_STATUSES } },
			data: {
				status: 'CANCELLED',
				openKey: null,
				resolvedById: actor.id,
				resolvedAt: at,
				resolutionNote: note ?? null
			}
		});
		if (count) await record(tx, alert, 'cancelled', { at, actorId: actor.id, note });
		return count > 0;
	});
	const alert = await db.alert.findUniqueOrThrow({ where: { id: alertId } });
	if (changed) await announceAlerts([alert]);
	if (request) await announceRequest(request);
	return { alert, changed };
}

// ---------------------------------------------------------------------------------------------
// Reading.

export interface AlertPerson {
	id: string;
	name: string;
	phone: string | null;
}

export interface AlertView {
	id: string;
	operationId: string;
	kind: AlertKind;
	priority: AlertPriority;
	status: AlertStatus;
	count: number;
	raisedAt: Date;
	lastRaisedAt: Date;
	params: AlertParams;
	subject: AlertPerson | null;
	assignedTo: AlertPerson | null;
	acknowledgedBy: AlertPerson | null;
	acknowledgedAt: Date | null;
	resolvedBy: AlertPerson | null;
	resolvedAt: Date | null;
	resolutionNote: string | null;
	clearedAt: Date | null;
	patrolId: string | null;
	assignmentId: string | null;
	shiftId: string | null;
	zoneId: string | null;
	checkpointId: string | null;
	lat: number | null;
	lng: number | null;
	step: number;
	/** The guest's help request behind a GUEST_HELP alert (guests/alert-link.ts); null otherwise. */
	guestRequestId: string | null;
}

async function peopleById(ids: (string | null)[]): Promise<Map<string, AlertPerson>> {
	const unique = [...new Set(ids.filter((id): id is string => !!id))];
	if (!unique.length) return new Map();
	const rows = await db.user.findMany({
		where: { id: { in: unique } },
		select: { id: true, name: true, phone: true }
	});
	return new Map(rows.map((row) => [row.id, row]));
}

export async function viewAlerts(rows: AlertRow[]): Promise<AlertView[]> {
	const people = await peopleById(
		rows.flatMap((r) => [r.subjectUserId, r.assignedToId, r.acknowledgedById, r.resolvedById])
	);
	const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
	return rows.map((row) => ({
		id: row.id,
		operationId: row.operationId,
		kind: row.kind,
		priority: row.priority,
		status: row.status,
		count: row.count,
		raisedAt: row.raisedAt,
		lastRaisedAt: row.lastRaisedAt,
		params: JSON.parse(row.params) as AlertParams,
		subject: person(row.subjectUserId),
		assignedTo: person(row.assignedToId),
		acknowledgedBy: person(row.acknowledgedById),
		acknowledgedAt: row.acknowledgedAt,
		resolvedBy: person(row.resolvedById),
		resolvedAt: row.resolvedAt,
		resolutionNote: row.resolutionNote,
		clearedAt: row.clearedAt,
		patrolId: row.patrolId,
		assignmentId: row.assignmentId,
		shiftId: row.shiftId,
		zoneId: row.zoneId,
		checkpointId: row.checkpointId,
		lat: row.lat,
		lng: row.lng,
		step: row.step,
		guestRequestId: requestIdOfAlert(row)
	}));
}

type Scope = { operationId: string } | { shiftId: { in: string[] } };

/**
 * Active alerts, open ones first, then by priority, then the most recently raised. (Sorted in two
 * queries, because the two providers order enum values differently: PostgreSQL by declaration,
 * SQLite by name.)
 */
async function activeRows(scope: Scope, limit: number, kinds?: AlertKind[]): Promise<AlertRow[]> {
	const where = { ...scope, ...(kinds ? { kind: { in: kinds } } : {}) };
	const orderBy = [{ priority: 'asc' as const }, { lastRaisedAt: 'desc' as const }];
	const open = await db.alert.findMany({ where: { ...where, status: 'OPEN' }, orderBy, take: limit });
	const taken =
		open.length < limit
			? await db.alert.findMany({
					where: { ...where, status: 'ACKNOWLEDGED' },
					orderBy,
					take: limit - open.length
				})
			: [];
	return [...open, ...taken];
}

export interface OpenAlerts {
	alerts: AlertView[];
	/** Active alerts per kind, and in all (also those beyond the limit). */
	counts: Partial<Record<AlertKind, number>>;
	total: number;
	open: number;
}

async function listActive(
	scope: Scope,
	options: { limit?: number; kinds?: AlertKind[] }
): Promise<OpenAlerts> {
	const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
	const [rows, groups] = await Promise.all([
		activeRows(scope, limit, options.kinds),
		db.alert.groupBy({
			by: ['kind', 'status'],
			where: { ...scope, status: { in: ACTIVE_STATUSES } },
			_count: { _all: true }
		})
	]);
	const counts: Partial<Record<AlertKind, number>> = {};
	let total = 0;
	let open = 0;
	for (const group of groups) {
		counts[group.kind] = (counts[group.kind] ?? 0) + group._count._all;
		total += group._count._all;
		if (group.status === 'OPEN') open += group._count._all;
	}
	return { alerts: await viewAlerts(rows), counts, total, open };
}

/** An operation's alerts still to handle, open first (priority, then last raised). */
export function openAlerts(operationId: string, options: { limit?: number; kinds?: AlertKind[] } = {}) {
	return listActive({ operationId }, options);
}

/** The same for a leader's shifts. */
export function openAlertsOfShifts(
	shiftIds: string[],
	options: { limit?: number; kinds?: AlertKind[] } = {}
) {
	return listActive({ shiftId: { in: shiftIds } }, options);
}

/** Alerts handled lately (resolved or cancelled), newest first: the board's "done" section. */
export async function recentlyClosed(operationId: string, since: Date, limit = 20) {
	const rows = await db.alert.findMany({
		where: { operationId, status: { in: ['RESOLVED', 'CANCELLED'] }, resolvedAt: { gte: since } },
		orderBy: { resolvedAt: 'desc' },
		take: limit
	});
	return viewAlerts(rows);
}

/** One alert with its timeline, for someone who may handle it. */
export async function alertTimeline(actor: AlertActor, alertId: string) {
	const alert = await alertFor(actor, alertId);
	const events = await db.alertEvent.findMany({
		where: { alertId },
		orderBy: [{ at: 'asc' }, { id: 'asc' }]
	});
	const people = await peopleById(events.map((e) => e.actorId));
	return {
		alert: (await viewAlerts([alert]))[0],
		events: events.map((event) => ({
			id: event.id,
			at: event.at,
			kind: event.kind,
			note: event.note,
			actor: event.actorId ? (people.get(event.actorId)?.name ?? null) : null,
			data: JSON.parse(event.data) as Record<string, unknown>
		}))
	};
}
