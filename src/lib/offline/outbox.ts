// The outbox: writes made on the phone, kept in IndexedDB until the server has them. Items go out
// in the order they were made; each carries an id made on the phone, so sending one twice (an
// answer lost on the way back) stores it once.
import { offlineDb, type OutboxItem, type OutboxKind } from './idb';

export const outboxChannelName = 'redband-outbox';

/** Tells every tab (and the service worker) that the outbox changed. */
export function announceOutbox(): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(outboxChannelName);
	channel.postMessage({ type: 'changed' });
	channel.close();
}

/** An id for a write, made on the phone. */
export function newId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function enqueue(item: {
	id?: string;
	userId: string;
	kind: OutboxKind;
	body: Record<string, string | number | undefined>;
	photo?: Blob;
	at?: Date;
}): Promise<OutboxItem> {
	const at = item.at ?? new Date();
	const body: Record<string, string | number> = {};
	for (const [name, value] of Object.entries(item.body)) if (value !== undefined) body[name] = value;
	const id = item.id ?? newId();
	const stored: OutboxItem = {
		id,
		userId: item.userId,
		kind: item.kind,
		body: { ...body, id, phoneTime: at.toISOString() },
		photo: item.photo,
		createdAt: at.toISOString(),
		attempts: 0,
		nextAttemptAt: 0
	};
	stored.seq = await (await offlineDb()).add('outbox', stored);
	announceOutbox();
	return stored;
}

/** Everything of this person's in the outbox, in replay order: waiting and refused alike. */
export async function outboxItems(userId: string): Promise<OutboxItem[]> {
	const items = await (await offlineDb()).getAllFromIndex('outbox', 'byUser', userId);
	return items.sort((a, b) => a.seq! - b.seq!);
}

/** The next item to send: an SOS before anything else (its details follow it), then in order. */
export async function nextPending(userId: string): Promise<OutboxItem | undefined> {
	const pending = (await outboxItems(userId)).filter((item) => !item.rejected);
	return pending.find((item) => item.kind === 'sos') ?? pending[0];
}

export async function removeItem(seq: number): Promise<void> {
	await (await offlineDb()).delete('outbox', seq);
	announceOutbox();
}

export async function updateItem(item: OutboxItem): Promise<void> {
	await (await offlineDb()).put('outbox', item);
	announceOutbox();
}
