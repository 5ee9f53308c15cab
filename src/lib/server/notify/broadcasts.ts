// Organizer broadcasts: compose, see how many people the audience reaches, send (inbox rows and
// push deliveries in one transaction), follow delivery and acknowledgement, send again to those
// who have not acknowledged.
import type { Locale } from '$lib/paraglide/runtime';
import type { AudienceFilters, BroadcastInput, BroadcastText } from '$lib/schemas/notify';
import { audit } from '../audit';
import { db, type DeliveryStatus, type Role, type Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { countAudience, resolveAudience } from './audience';
import { wakeDeliveries } from './deliver';
import { queuePushes, writeNotices } from './outbox';

export interface Actor {
	id: string;
	role: Role;
}

/** Admins everywhere; organizers in operations they belong to. */
async function requireOrganizerOf(actor: Actor, operationId: string): Promise<void> {
	if (actor.role === 'ADMIN') {
		if (!(await db.operation.count({ where: { id: operationId } })))
			throw new NotFoundError('notice_operation');
		return;
	}
	if (actor.role !== 'ORGANIZER') throw new ForbiddenError('notice_forbidden');
	const member = await db.operationMember.count({ where: { operationId, userId: actor.id } });
	if (!member) throw new ForbiddenError('notice_forbidden');
}

/** Zones and shifts named in the filters must be this operation's. */
async function checkScope(operationId: string, filters: AudienceFilters): Promise<void> {
	const [zones, shifts] = await Promise.all([
		filters.zoneIds?.length ? db.zone.count({ where: { id: { in: filters.zoneIds }, operationId } }) : 0,
		filters.shiftIds?.length ? db.shift.count({ where: { id: { in: filters.shiftIds }, operationId } }) : 0
	]);
	if (zones !== (filters.zoneIds?.length ?? 0) || shifts !== (filters.shiftIds?.length ?? 0)) {
		throw new DomainError('notice_scope_unknown', { status: 422 });
	}
}

export async function previewAudience(
	actor: Actor,
	input: { operationId: string; audience: AudienceFilters }
): Promise<{ count: number }> {
	await requireOrganizerOf(actor, input.operationId);
	await checkScope(input.operationId, input.audience);
	return { count: await countAudience(input.operationId, input.audience) };
}

export const broadcastTopic = (id: string) => `broadcast:${id}`;

function textFor(
	locale: string,
	input: Pick<BroadcastInput, 'title' | 'body' | 'translations'>
): BroadcastText {
	return input.translations[locale as Locale] ?? { title: input.title, body: input.body };
}

export async function sendBroadcast(actor: Actor, input: BroadcastInput) {
	await requireOrganizerOf(actor, input.operationId);
	await checkScope(input.operationId, input.audience);
	const recipients = await resolveAudience(input.operationId, input.audience);
	if (!recipients.length) throw new DomainError('notice_audience_empty', { status: 422 });
	const result = await db.$transaction(
		async (tx) => {
			const broadcast = await tx.broadcast.create({
				data: {
					operationId: input.operationId,
					authorId: actor.id,
					title: input.title,
					body: input.body,
					translations: JSON.stringify(input.translations),
					audience: JSON.stringify(input.audience),
					urgency: input.urgency,
					requireAck: input.requireAck,
					recipientCount: recipients.length,
					...(input.requireAck && input.followUpMinutes
						? {
								followUpMinutes: input.followUpMinutes,
								followUpAt: new Date(Date.now() + input.followUpMinutes * 60_000)
							}
						: {})
				}
			});
			const { pushes } = await writeNotices(
				tx,
				recipients.map((person) => ({
					...textFor(person.locale, input),
					userId: person.id,
					kind: 'broadcast',
					topic: broadcastTopic(broadcast.id),
					urgency: input.urgency,
					requireAck: input.requireAck,
					operationId: input.operationId,
					broadcastId: broadcast.id
				}))
			);
			await audit(tx, {
				operationId: input.operationId,
				actorId: actor.id,
				action: 'broadcast.sent',
				subjectType: 'Broadcast',
				subjectId: broadcast.id,
				detail: { title: input.title, recipients: recipients.length, requireAck: input.requireAck }
			});
			return { id: broadcast.id, recipientCount: recipients.length, pushes };
		},
		{ timeout: 120_000 }
	);
	wakeDeliveries();
	return result;
}

async function ownBroadcast(actor: Actor, id: string) {
	const broadcast = await db.broadcast.findUnique({ where: { id } });
	if (!broadcast) throw new NotFoundError('notice_broadcast');
	await requireOrganizerOf(actor, broadcast.operationId);
	return broadcast;
}

export async function listBroadcasts(actor: Actor, operationId: string) {
	await requireOrganizerOf(actor, operationId);
	const broadcasts = await db.broadcast.findMany({
		where: { operationId },
		orderBy: { createdAt: 'desc' },
		take: 100,
		select: {
			id: true,
			title: true,
			urgency: true,
			requireAck: true,
			recipientCount: true,
			createdAt: true,
			author: { select: { name: true } }
		}
	});
	const acknowledged = await db.notice.groupBy({
		by: ['broadcastId'],
		where: { broadcastId: { in: broadcasts.map((b) => b.id) }, acknowledgedAt: { not: null } },
		_count: { _all: true }
	});
	const ackBy = new Map(acknowledged.map((row) => [row.broadcastId, row._count._all]));
	return broadcasts.map((b) => ({ ...b, acknowledged: ackBy.get(b.id) ?? 0 }));
}

/**
 * Where each recipient stands. The four states split the recipients exactly: acknowledged; else
 * delivered (a push was handed to a device's push service); else sending (a push is queued or on
 * its way); else unreachable (no device with notifications on, or every push refused or gone).
 */
export const RECIPIENT_STATES = ['acknowledged', 'delivered', 'sending', 'unreachable'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

const LIVE: DeliveryStatus[] = ['QUEUED', 'SENDING'];

function stateWhere(broadcastId: string, state: RecipientState): Prisma.NoticeWhereInput {
	switch (state) {
		case 'acknowledged':
			return { broadcastId, acknowledgedAt: { not: null } };
		case 'delivered':
			return { broadcastId, acknowledgedAt: null, deliveries: { some: { status: 'SENT' } } };
		case 'sending':
			return {
				broadcastId,
				acknowledgedAt: null,
				deliveries: { none: { status: 'SENT' }, some: { status: { in: LIVE } } }
			};
		case 'unreachable':
			return {
				broadcastId,
				acknowledgedAt: null,
				deliveries: { none: { status: { in: ['SENT', ...LIVE] } } }
			};
	}
}

export interface BroadcastStatus {
	/** Push deliveries (one per device and round) waiting or being sent. */
	queued: number;
	/** Handed over to the push service. */
	handed: number;
	/** Refused by the push service, or the device is gone. */
	failed: number;
	/** People the broadcast reached (each has it in their inbox). */
	total: number;
	/** People per state, exact for any number of recipients. */
	people: Record<RecipientState, number>;
	/** Of the unreachable: people with no device at all (the rest had every push refused). */
	withoutDevice: number;
	acknowledged: number;
	followUp: { minutes: number; step: number; at: Date | null } | null;
}

export async function broadcastStatus(actor: Actor, id: string) {
	const broadcast = await ownBroadcast(actor, id);
	const [byStatus, withoutDevice, ...perState] = await Promise.all([
		db.pushDelivery.groupBy({
			by: ['status'],
			where: { notice: { broadcastId: id } },
			_count: { _all: true }
		}),
		db.notice.count({ where: { broadcastId: id, acknowledgedAt: null, deliveries: { none: {} } } }),
		...RECIPIENT_STATES.map((state) => db.notice.count({ where: stateWhere(id, state) }))
	]);
	const count = (...statuses: string[]) =>
		byStatus.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count._all, 0);
	const people = Object.fromEntries(RECIPIENT_STATES.map((state, i) => [state, perState[i]])) as Record<
		RecipientState,
		number
	>;
	const status: BroadcastStatus = {
		queued: count('QUEUED', 'SENDING'),
		handed: count('SENT'),
		failed: count('FAILED', 'GONE'),
		total: broadcast.recipientCount,
		people,
		withoutDevice,
		acknowledged: people.acknowledged,
		followUp: broadcast.followUpMinutes
			? { minutes: broadcast.followUpMinutes, step: broadcast.followUpStep, at: broadcast.followUpAt }
			: null
	};
	return {
		broadcast: {
			...broadcast,
			translations: JSON.parse(broadcast.translations) as Partial<Record<Locale, BroadcastText>>,
			audience: JSON.parse(broadcast.audience) as AudienceFilters
		},
		status
	};
}

export const RECIPIENTS_PER_PAGE = 100;

/** One page of the recipients in one state, by name. */
export async function broadcastRecipients(
	actor: Actor,
	id: string,
	state: RecipientState,
	page = 1
): Promise<{ noticeId: string; userId: string; name: string; phone: string | null; readAt: Date | null }[]> {
	await ownBroadcast(actor, id);
	const rows = await db.notice.findMany({
		where: stateWhere(id, state),
		orderBy: [{ user: { name: 'asc' } }, { id: 'asc' }],
		skip: (Math.max(1, page) - 1) * RECIPIENTS_PER_PAGE,
		take: RECIPIENTS_PER_PAGE,
		select: { id: true, userId: true, readAt: true, user: { select: { name: true, phone: true } } }
	});
	return rows.map((row) => ({
		noticeId: row.id,
		userId: row.userId,
		name: row.user.name,
		phone: row.user.phone,
		readAt: row.readAt
	}));
}

/**
 * Pushes the broadcast again to everyone who has not acknowledged it, on their current devices.
 * A new round: what was already handed over is never sent again by the worker.
 */
export async function resendToUnacknowledged(actor: Actor, id: string) {
	const broadcast = await ownBroadcast(actor, id);
	const result = await db.$transaction((tx) => resendRound(tx, broadcast, actor.id), { timeout: 120_000 });
	wakeDeliveries();
	return result;
}

/** One more round to the people who have not acknowledged (by an organizer, or the follow-up). */
export async function resendRound(
	tx: Tx,
	broadcast: { id: string; operationId: string; title: string },
	actorId: string | null
) {
	const { round } = await tx.broadcast.update({
		where: { id: broadcast.id },
		data: { round: { increment: 1 } },
		select: { round: true }
	});
	const pending = await tx.notice.findMany({
		where: { broadcastId: broadcast.id, acknowledgedAt: null },
		select: { id: true, userId: true }
	});
	const pushes = await queuePushes(tx, pending, round);
	await audit(tx, {
		operationId: broadcast.operationId,
		actorId,
		action: 'broadcast.resent',
		subjectType: 'Broadcast',
		subjectId: broadcast.id,
		detail: { title: broadcast.title, recipients: pending.length, round, followUp: actorId === null }
	});
	return { people: pending.length, pushes, round };
}
