// The outbox: domain changes that others must act on, recorded in the change's own transaction.
// The notifications worker turns these into messages; nothing is sent for a change that rolled
// back, and nothing is lost if the process dies after the commit.
import type { Db, Tx } from './db';

/** Every event topic and the payload it carries. Add a topic here before emitting it. */
export interface EventPayloads {
	'shift.assigned': { shiftId: string; userId: string; actorId: string | null };
	'shift.unassigned': { shiftId: string; userId: string; actorId: string | null };
	'shift.waitlisted': { shiftId: string; userId: string };
	'shift.promoted': { shiftId: string; userId: string };
	'shift.changed': { shiftId: string; changes: ('time' | 'place' | 'details')[]; actorId: string | null };
	'shift.cancelled': {
		shiftId: string;
		userIds: string[];
		startsAt: string;
		place: string;
		actorId: string | null;
	};
	'shift.request_decided': {
		requestId: string;
		shiftId: string;
		userId: string;
		kind: 'DROP' | 'SWAP';
		approved: boolean;
	};
	/** Stock of an item at a location fell below its threshold (quantities in the item's steps). */
	'logistics.low_stock': {
		operationId: string;
		itemId: string;
		postId: string;
		quantity: number;
		minimum: number;
	};
	/** A post asked for supplies: for logistics staff. */
	'logistics.request_created': { operationId: string; requestId: string; postId: string; urgent: boolean };
	/** A supply request moved on: for the person who asked (and the post's staff). */
	'logistics.request_status': {
		requestId: string;
		postId: string;
		requesterId: string | null;
		status: 'ACCEPTED' | 'PICKED' | 'DELIVERED' | 'RECEIVED' | 'DECLINED' | 'CANCELLED';
	};
	/** A rest-pod slot someone booked starts now. */
	'pod.slot_starting': {
		bookingId: string;
		userId: string;
		podId: string;
		podName: string;
		startsAt: string;
	};
	/**
	 * An alert was raised, folded, acknowledged, assigned, resolved, ... (alerts/alerts.ts): the
	 * notifications worker updates each recipient's one notice about it, pushing when it matters.
	 */
	'alert.changed': { alertId: string; change: string; actorId: string | null; toUserId?: string };
	/** A supervisor asked a patroller for proof of presence (patrols/spot-checks.ts). */
	'spot_check.requested': { spotCheckId: string };
	/** A guest asked for help from a zone's card: for the people on duty in that zone. */
	'guest.help_requested': { requestId: string; operationId: string; zoneId: string; kind: string };
	/** A volunteer filed a field report; urgent ones are worth a push to the organizers. */
	'report.filed': {
		reportId: string;
		operationId: string;
		userId: string;
		category: string;
		severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
	};
}

export type EventTopic = keyof EventPayloads;

export async function emit<T extends EventTopic>(
	client: Db | Tx,
	topic: T,
	payload: EventPayloads[T]
): Promise<void> {
	await client.outboxEvent.create({ data: { topic, payload: JSON.stringify(payload) } });
}

export interface PendingEvent<T extends EventTopic = EventTopic> {
	id: string;
	topic: T;
	payload: EventPayloads[T];
	createdAt: Date;
	attempts: number;
}

/** Unhandled events, oldest first. */
export async function pendingEvents(client: Db, take = 100): Promise<PendingEvent[]> {
	const rows = await client.outboxEvent.findMany({
		where: { handledAt: null },
		orderBy: { createdAt: 'asc' },
		take
	});
	return rows.map((row) => ({
		id: row.id,
		topic: row.topic as EventTopic,
		payload: JSON.parse(row.payload) as EventPayloads[EventTopic],
		createdAt: row.createdAt,
		attempts: row.attempts
	}));
}

export async function markHandled(client: Db | Tx, id: string): Promise<void> {
	await client.outboxEvent.update({ where: { id }, data: { handledAt: new Date() } });
}

export async function markFailed(client: Db, id: string, error: unknown): Promise<void> {
	await client.outboxEvent.update({
		where: { id },
		data: { attempts: { increment: 1 }, lastError: String((error as Error)?.message ?? error).slice(0, 500) }
	});
}
