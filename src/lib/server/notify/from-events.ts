// The outbox consumer: turns domain events (events.ts) into inbox messages and pushes for the
// people they concern, each in their own language. An event is claimed, turned into notices and
// marked handled in one transaction, so it is acted on exactly once, also with several instances.
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { formatDateTime, formatTime } from '$lib/time';
import { db, type Role, type Tx } from '../db';
import { markFailed, pendingEvents, type EventPayloads, type EventTopic, type PendingEvent } from '../events';
import { wakeDeliveries } from './deliver';
import { writeNotices, type NoticeDraft } from './outbox';

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

async function shiftInfo(tx: Tx, shiftId: string) {
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
type ShiftInfo = NonNullable<Awaited<ReturnType<typeof shiftInfo>>>;

function shiftParams(
	shift: Pick<ShiftInfo, 'title' | 'route' | 'post' | 'startsAt'>,
	timezone: string,
	locale: string
) {
	const name = shift.route?.name ?? shift.post?.name ?? shift.title ?? text('notice_shift_unnamed', locale);
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
			where: { shiftId, status: { in: ['ASSIGNED', 'PRESENT', 'WAITLISTED'] } },
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
	'patrol.overdue': (tx, p) =>
		patrolAlert(tx, p, 'patrol.overdue', p.lastCheckInAt ?? p.dueAt, {
			title: 'notice_patrol_overdue_title',
			body: 'notice_patrol_overdue_body'
		}),
	'patrol.missing': (tx, p) =>
		patrolAlert(tx, p, 'patrol.missing', p.dueAt, {
			title: 'notice_patrol_missing_title',
			body: 'notice_patrol_missing_body'
		}),
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

/** Overdue and missing patrols: to the shift's leader and the operation's organizers. */
async function patrolAlert(
	tx: Tx,
	p: EventPayloads['patrol.overdue'] | EventPayloads['patrol.missing'],
	kind: 'patrol.overdue' | 'patrol.missing',
	since: string,
	keys: { title: string; body: string }
): Promise<NoticeDraft[]> {
	const shift = await shiftInfo(tx, p.shiftId);
	if (!shift) return [];
	const person = await tx.user.findUnique({ where: { id: p.userId }, select: { name: true } });
	const organizers = await staff(tx, p.operationId, ORGANIZERS);
	const leader = await people(tx, [p.leaderId]);
	const recipients = [...new Map([...leader, ...organizers].map((r) => [r.id, r])).values()];
	return recipients.map((recipient) => {
		const isLeader = recipient.id === p.leaderId;
		const params = shiftParams(shift, shift.operation.timezone, recipient.locale);
		return {
			userId: recipient.id,
			kind,
			title: text(keys.title, recipient.locale),
			body: text(keys.body, recipient.locale, {
				person: person?.name ?? '',
				shift: params.shift,
				when: formatTime(new Date(since), shift.operation.timezone, asLocale(recipient.locale))
			}),
			url: isLeader ? '/patrol/team' : '/organizer/patrols',
			topic: `patrol:${p.alertId}`,
			urgency: 'HIGH',
			operationId: p.operationId
		};
	});
}

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

/** Handles pending events, oldest first. */
export async function consumeEvents(take = 100): Promise<{ handled: number; failed: number }> {
	let handled = 0;
	let failed = 0;
	let queued = false;
	for (const event of await pendingEvents(db, take)) {
		if (event.attempts >= MAX_EVENT_ATTEMPTS) {
			console.error(`[notify] event ${event.id} (${event.topic}) set aside after ${event.attempts} failures`);
			await db.outboxEvent.updateMany({
				where: { id: event.id, handledAt: null },
				data: { handledAt: new Date() }
			});
			continue;
		}
		try {
			queued = (await handle(event)) || queued;
			handled++;
		} catch (error) {
			failed++;
			await markFailed(db, event.id, error);
		}
	}
	if (queued) wakeDeliveries();
	return { handled, failed };
}
