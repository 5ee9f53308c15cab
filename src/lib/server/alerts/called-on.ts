// Who an escalating alert has called on so far: each step writes a "notified" event naming the
// people it reached. Kept apart from escalation.ts so that the alert core can ask without a cycle.
import type { AlertKind, Db, Tx } from '../db';

/** Alerts that climb a ladder of people until someone answers. */
export const ESCALATING_KINDS = ['SOS', 'WELFARE'] as const satisfies readonly AlertKind[];

export function isEscalating(kind: AlertKind): kind is (typeof ESCALATING_KINDS)[number] {
	return (ESCALATING_KINDS as readonly AlertKind[]).includes(kind);
}

/** Everyone the alert's steps have called on, and everyone who answered, in order of first call. */
export async function calledOn(client: Db | Tx, alertId: string): Promise<string[]> {
	const events = await client.alertEvent.findMany({
		where: { alertId, kind: { in: ['notified', 'on_my_way', 'with_them'] } },
		orderBy: [{ at: 'asc' }, { id: 'asc' }],
		select: { kind: true, actorId: true, data: true }
	});
	const ids = new Set<string>();
	for (const event of events) {
		if (event.kind === 'notified') {
			const data = JSON.parse(event.data) as { userIds?: unknown };
			if (Array.isArray(data.userIds)) for (const id of data.userIds) if (typeof id === 'string') ids.add(id);
		} else if (event.actorId) ids.add(event.actorId);
	}
	return [...ids];
}

export async function wasCalledOn(client: Db | Tx, alertId: string, userId: string): Promise<boolean> {
	return (await calledOn(client, alertId)).includes(userId);
}
