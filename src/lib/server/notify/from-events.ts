// The outbox consumer: turns domain events (events.ts) into inbox messages and pushes for the
// people they concern, each in their own language. An event is claimed, turned into notices and
// marked handled in one transaction, so it is acted on exactly once, also with several instances.
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { formatDateTime, formatTime } from '$lib/time';
import { alertNotices } from '../alerts/notices';
import { db, dbTarget, type Role, type Tx } from '../db';
import { helpRecipients } from '../guests/duty';
import { spotCheckNotices } from '../patrols/spot-checks';
import { markFailed, type EventPayloads, type EventTopic, type PendingEvent } from '../events';
import { wakeDeliveries } from './deliver';
import { writeNotices, type NoticeDraft } from './outbox';
import { HOLDING } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

/** After this many failures an event is set aside (logged) so that it does not block the rest. */
const MAX_EVENT_ATTEMPTS = 5;

type Message = (inputs?: Record<string, unknown>, options?: { locale: Locale }) => string;
const catalogue = m as unknown as Record<string, Message>;

export const asLocale = (locale: string): Locale =>
	(locales as readonly string[]).includes(locale) ? (locale as Locale) : 'en';

/** A server-side text in the recipient's language. */
export function text(key: string, locale: string, params: Record<string, unknown> = {}): string {
	return catalogue[key](params, { locale: asLocale(locale) });
}

interface Person {
	id: string;
	locale: string;
}

async function people(tx: Tx, ids: (string | null | undefined)[]): Promise<Person[]> {
	const unique = [...new Set(ids.filter((id): id is string => !!id))];
	if (!unique.length) return [];
	return tx.user.findMany({
		where: { id: { in: unique }, status: 'ACTIVE' },
		select: { id: true, locale: true }
	});
}

/** Active members of an operation with one of the roles (organizers, logistics staff). */
async function staff(tx: Tx, operationId: string, roles: Role[]): Promise<Person[]> {
	return tx.user.findMany({
		where: { status: 'ACTIVE', role: { in: roles }, memberships: { some: { operationId } } },
		select: { id: true, locale: true }
	});
}

const ORGANIZERS: Role[] = ['ORGANIZER', 'ADMIN'];

type Base = Omit<NoticeDraft, 'userId' | 'title' | 'body'>;

/** One notice per person, with title and body written in that person's language. */
function each(
	recipients: Person[],
	base: Base,
	write: (locale: string) => { title: string; body: string }
): NoticeDraft[] {
	return recipients.map((person) => ({ ...base, ...write(person.locale), userId: person.id }));
}

export const shiftTopic = (shiftId: string) => `shift:${shiftId}`;

/**
 * Shifts read while handling one batch of events, per transaction: a fill of 8,500 places makes
 * 8,500 events about some fifty shifts.
 */
const shiftsRead = new WeakMap<Tx, Map<string, ReturnType<typeof readShiftInfo>>>();

function shiftInfo(tx: Tx, shiftId: string) {
	let read = shiftsRead.get(tx);
	if (!read) shiftsRead.set(tx, (read = new Map()));
	let shift = read.get(shiftId);
	if (!shift) read.set(shiftId, (shift = readShiftInfo(tx, shiftId)));
	return shift;
}

async function readShiftInfo(tx: Tx, shiftId: string) {
	return tx.shift.findUnique({
		where: { id: shiftId },
		select: {
			id: true,
			title: true,
			startsAt: true,
			operationId: true,
			route: { select: { name: true } },
			post: { select: { name: true } },
			operation: { select: { timezone: true } }
		}
	});
}
type ShiftInfo = NonNullable<Awaited<ReturnType<typeof readShiftInfo>>>;

function shiftParams(
	shift: Pick<ShiftInfo, 'title' | 'route' | 'post' | 'startsAt'>,
	timezone: string,
	locale: string
) {
	const name = shiftName(shift, text('notice_shift_unnamed', locale));
	return { shift: name, when: formatDateTime(shift.startsAt, timezone, asLocale(locale)) };
}

/** A notice about a shift to the given people ("shift:<id>" topic: newer replaces older). */
export async function aboutShift(
	tx: Tx,
	shiftId: string,
	userIds: string[],
	kind: EventTopic | 'shift.reminder',
	keys: { title: string; body: string },
	urgency: NoticeDraft['urgency'] = 'NORMAL'
): Promise<NoticeDraft[]> {
	const shift = await shiftInfo(tx, shiftId);
	if (!shift) return [];
	return each(
		await people(tx, userIds),
		{ kind, url: `/shifts/${shiftId}`, topic: shiftTopic(shiftId), urgency, operationId: shift.operationId },
		(locale) => {
			const params = shiftParams(shift, shift.operation.timezone, locale);
			return { title: text(keys.title, locale), body: text(keys.body, locale, params) };
		}
	);
}

const onShift = async (tx: Tx, shiftId: string) =>
	(
		await tx.assignment.findMany({
			where: { shiftId, status: { in: [...HOLDING] } },
			select: { userId: true }
		})
	).map((a) => a.userId);

/** A shift event about one person; its texts are notice_<topic with _>_title and _body. */
const toPerson =
	(kind: EventTopic, urgency: NoticeDraft['urgency'] = 'NORMAL') =>
	(tx: Tx, p: { shiftId: string; userId: string }) => {
		const key = `notice_${kind.replace('.', '_')}`;
		return aboutShift(
			tx,
			p.shiftId,
			[p.userId],
			kind,
			{ title: `${key}_title`, body: `${key}_body` },
			urgency
		);
	};

type Handlers = { [T in EventTopic]: (tx: Tx, payload: EventPayloads[T]) => Promise<NoticeDraft[]> };

const handlers: Handlers = {
	'shift.assigned': toPerson('shift.assigned'),
	'shift.unassigned': toPerson('shift.unassigned', 'HIGH'),
	'shift.waitlisted': toPerson('shift.waitlisted'),
	'shift.promoted': toPerson('shift.promoted', 'HIGH'),
	'shift.changed': async (tx, p) =>
		p.changes.some((change) => change === 'time' || change === 'place')
			? aboutShift(
					tx,
					p.shiftId,
					await onShift(tx, p.shiftId),
					'shift.changed',
					{ title: 'notice_shift_changed_title', body: 'notice_shift_changed_body' },
					'HIGH'
				)
			: [],
	// The shift is deleted with this event: the payload carries what the message needs, and the
	// time is shown in the timezone of the operation the person works on.
	'shift.cancelled': async (tx, p) => {
		const recipients = await people(tx, p.userIds);
		const memberships = await tx.operationMember.findMany({
			where: { userId: { in: recipients.map((r) => r.id) } },
			orderBy: { createdAt: 'desc' },
			select: { userId: true, operationId: true, operation: { select: { timezone: true } } }
		});
		const where = new Map<string, (typeof memberships)[number]>();
		for (const row of memberships) if (!where.has(row.userId)) where.set(row.userId, row);
		const startsAt = new Date(p.startsAt);
		return recipients.map((person) => {
			const membership = where.get(person.id);
			const when = formatDateTime(startsAt, membership?.operation.timezone ?? 'UTC', asLocale(person.locale));
			const shift = p.place || text('notice_shift_unnamed', person.locale);
			return {
				userId: person.id,
				kind: 'shift.cancelled',
				title: text('notice_shift_cancelled_title', person.locale),
				body: text('notice_shift_cancelled_body', person.locale, { shift, when }),
				url: '/shifts',
				topic: shiftTopic(p.shiftId),
				urgency: 'HIGH',
				operationId: membership?.operationId ?? null
			};
		});
	},
	'shift.request_decided': (tx, p) =>
		aboutShift(tx, p.shiftId, [p.userId], 'shift.request_decided', {
			title: p.approved ? 'notice_request_approved_title' : 'notice_request_declined_title',
			body: p.kind === 'DROP' ? 'notice_request_drop_body' : 'notice_request_swap_body'
		}),
	'logistics.low_stock': async (tx, p) => {
		// One query at a time: a transaction is one connection.
		const item = await tx.item.findUnique({ where: { id: p.itemId }, select: { name: true } });
		const post = await tx.post.findUnique({ where: { id: p.postId }, select: { name: true } });
		if (!item || !post) return [];
		return each(
			await staff(tx, p.operationId, ['LOGISTICS', ...ORGANIZERS]),
			{
				kind: 'logistics.low_stock',
				url: '/logistics/stock',
				topic: `stock:${p.itemId}:${p.postId}`,
				operationId: p.operationId
			},
			(locale) => ({
				title: text('notice_low_stock_title', locale),
				body: text('notice_low_stock_body', locale, {
					item: item.name,
					post: post.name,
					quantity: p.quantity,
					minimum: p.minimum
				})
			})
		);
	},
	'logistics.request_created': async (tx, p) => {
		const post = await tx.post.findUnique({ where: { id: p.postId }, select: { name: true } });
		if (!post) return [];
		return each(
			await staff(tx, p.operationId, ['LOGISTICS']),
			{
				kind: 'logistics.request_created',
				url: '/logistics/requests',
				topic: `supply:${p.requestId}`,
				urgency: p.urgent ? 'HIGH' : 'NORMAL',
				operationId: p.operationId
			},
			(locale) => ({
				title: text(p.urgent ? 'notice_supply_request_urgent_title' : 'notice_supply_request_title', locale),
				body: text('notice_supply_request_body', locale, { post: post.name })
			})
		);
	},
	'logistics.request_status': async (tx, p) => {
		const post = await tx.post.findUnique({
			where: { id: p.postId },
			select: { name: true, operationId: true }
		});
		if (!post) return [];
		return each(
			await people(tx, [p.requesterId]),
			{
				kind: 'logistics.request_status',
				url: '/supplies',
				topic: `supply:${p.requestId}`,
				operationId: post.operationId
			},
			(locale) => ({
				title: text('notice_request_status_title', locale),
				body: text('notice_request_status_body', locale, {
					post: post.name,
					status: text(`supply_status_${p.status}`, locale)
				})
			})
		);
	},
	'pod.slot_starting': async (tx, p) => {
		const pod = await tx.pod.findUnique({
			where: { id: p.podId },
			select: { operationId: true, operation: { select: { timezone: true } } }
		});
		return each(
			await people(tx, [p.userId]),
			{ kind: 'pod.slot_starting', url: '/pods', topic: `pod:${p.bookingId}`, operationId: pod?.operationId },
			(locale) => ({
				title: text('notice_pod_slot_title', locale),
				body: text('notice_pod_slot_body', locale, {
					pod: p.podName,
					when: formatTime(new Date(p.startsAt), pod?.operation.timezone ?? 'UTC', asLocale(locale))
				})
			})
		);
	},
	// One notice per alert and person, rewritten in place as the alert moves on.
	'alert.changed': alertNotices,
	'spot_check.requested': spotCheckNotices,
	// The people on duty in the zone and its lead; the organizers when nobody is there. (Its
	// GUEST_HELP alert tells only organizers this leaves out: alerts/notices.ts.)
	'guest.help_requested': async (tx, p) => {
		const request = await tx.guestHelpRequest.findUnique({
			where: { id: p.requestId },
			select: {
				note: true,
				status: true,
				zone: { select: { name: true } },
				nearestPost: { select: { name: true } }
			}
		});
		if (!request || request.status === 'CLOSED') return [];
		return each(
			await helpRecipients(tx, p.zoneId, p.operationId),
			{
				kind: 'guest.help_requested',
				url: `/guests/${p.requestId}`,
				topic: `guest:${p.requestId}`,
				urgency: 'HIGH',
				operationId: p.operationId
			},
			(locale) => ({
				title: text('notice_guest_help_title', locale, { kind: text(`guest_help_kind_${p.kind}`, locale) }),
				body: text('notice_guest_help_body', locale, {
					place: request.nearestPost?.name ?? request.zone.name,
					note: request.note ?? ''
				})
			})
		);
	},
	'report.filed': async (tx, p) => {
		if (p.severity !== 'HIGH' && p.severity !== 'CRITICAL') return [];
		const author = await tx.user.findUnique({ where: { id: p.userId }, select: { name: true } });
		return each(
			await staff(tx, p.operationId, ORGANIZERS),
			{
				kind: 'report.filed',
				url: `/organizer/patrols/reports/${p.reportId}`,
				topic: `report:${p.reportId}`,
				urgency: 'HIGH',
				operationId: p.operationId
			},
			(locale) => ({
				title: text('notice_report_filed_title', locale),
				body: text('notice_report_filed_body', locale, {
					person: author?.name ?? '',
					category: text(`report_category_${p.category}`, locale),
					severity: text(`report_severity_${p.severity}`, locale)
				})
			})
		);
	}
};

async function handle(event: PendingEvent): Promise<boolean> {
	return db.$transaction(async (tx) => {
		// The claim: whoever flips handledAt first acts on the event; a second instance finds it done.
		const { count } = await tx.outboxEvent.updateMany({
			where: { id: event.id, handledAt: null },
			data: { handledAt: new Date() }
		});
		if (!count) return false;
		const handler = handlers[event.topic] as (tx: Tx, payload: unknown) => Promise<NoticeDraft[]>;
		const drafts = handler ? await handler(tx, event.payload) : [];
		const { pushes } = await writeNotices(tx, drafts);
		return pushes > 0;
	});
}

/** Events claimed per transaction: short enough that a request waits at most a few ms behind it. */
const BATCH = 100;
/** One run of the job stops after this long, so that the next run (3 s later) starts on time. */
const RUN_BUDGET_MS = 2500;

/**
 * Claims up to `take` pending events, oldest first, inside `tx`: on PostgreSQL with FOR UPDATE
 * SKIP LOCKED, so that two app processes take disjoint batches instead of racing for the same
 * rows; on SQLite transactions run one at a time, so the claim is a plain read and update.
 */
async function claim(tx: Tx, take: number): Promise<PendingEvent[]> {
	type Row = { id: string; topic: string; payload: string; createdAt: Date; attempts: number };
	const rows: Row[] =
		dbTarget.provider === 'postgresql'
			? await tx.$queryRaw<Row[]>`
				SELECT "id", "topic", "payload", "createdAt", "attempts" FROM "OutboxEvent"
				WHERE "handledAt" IS NULL ORDER BY "createdAt" ASC LIMIT ${take}
				FOR UPDATE SKIP LOCKED`
			: await tx.outboxEvent.findMany({
					where: { handledAt: null },
					orderBy: { createdAt: 'asc' },
					take,
					select: { id: true, topic: true, payload: true, createdAt: true, attempts: true }
				});
	if (!rows.length) return [];
	await tx.outboxEvent.updateMany({
		where: { id: { in: rows.map((row) => row.id) }, handledAt: null },
		data: { handledAt: new Date() }
	});
	return rows.map((row) => ({
		id: row.id,
		topic: row.topic as EventTopic,
		payload: JSON.parse(row.payload) as EventPayloads[EventTopic],
		createdAt: new Date(row.createdAt),
		attempts: row.attempts
	}));
}

/**
 * One batch in one transaction: claim, turn every event into notices, write them all at once.
 * If any event fails, the whole batch rolls back and its events are handled one by one
 * (`handle`), so that one bad event is retried and set aside without holding up the others.
 */
async function handleBatch(take: number) {
	let claimed: PendingEvent[] = [];
	try {
		return await db.$transaction(async (tx) => {
			claimed = await claim(tx, take);
			const drafts: NoticeDraft[] = [];
			const base = Date.now();
			for (const [index, event] of claimed.entries()) {
				if (event.attempts >= MAX_EVENT_ATTEMPTS) {
					console.error(
						`[notify] event ${event.id} (${event.topic}) set aside after ${event.attempts} failures`
					);
					continue;
				}
				const handler = handlers[event.topic] as (tx: Tx, payload: unknown) => Promise<NoticeDraft[]>;
				const createdAt = new Date(base + index);
				if (handler)
					for (const draft of await handler(tx, event.payload)) drafts.push({ ...draft, createdAt });
			}
			const { pushes } = await writeNotices(tx, drafts);
			return { claimed: claimed.length, handled: claimed.length, failed: 0, queued: pushes > 0 };
		});
	} catch (error) {
		if (!claimed.length) throw error;
		let handled = 0;
		let failed = 0;
		let queued = false;
		for (const event of claimed) {
			if (event.attempts >= MAX_EVENT_ATTEMPTS) {
				await db.outboxEvent.updateMany({
					where: { id: event.id, handledAt: null },
					data: { handledAt: new Date() }
				});
				continue;
			}
			try {
				queued = (await handle(event)) || queued;
				handled++;
			} catch (failure) {
				failed++;
				await markFailed(db, event.id, failure);
			}
		}
		return { claimed: claimed.length, handled, failed, queued };
	}
}

/**
 * Handles pending events, oldest first, a batch per transaction, until none are left or the run's
 * time is up; between batches the event loop serves requests.
 */
export async function consumeEvents(
	take = BATCH,
	budgetMs = RUN_BUDGET_MS
): Promise<{ handled: number; failed: number }> {
	const started = Date.now();
	let handled = 0;
	let failed = 0;
	let queued = false;
	for (;;) {
		const batch = await handleBatch(take);
		handled += batch.handled;
		failed += batch.failed;
		queued ||= batch.queued;
		if (batch.claimed < take || Date.now() - started > budgetMs) break;
		await new Promise((resolve) => setImmediate(resolve));
	}
	if (queued) wakeDeliveries();
	return { handled, failed };
}
