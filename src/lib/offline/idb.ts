// The phone's own database: the outbox of writes waiting for a signal, the last patrol view the
// server sent, and a little state (when the outbox last reached the server). Shared by the pages
// and the service worker; the name and the stores stay the same across app versions, so an
// update never loses what waits to be sent.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PatrolView } from '$lib/patrol-view';

export type OutboxKind = 'start' | 'checkin' | 'report' | 'end' | 'sos' | 'sosdetail';

export interface OutboxItem {
	/** Replay order (the store's auto-increment key). */
	seq?: number;
	/** Made on the phone; the server stores each id once. */
	id: string;
	userId: string;
	kind: OutboxKind;
	/** The request's fields (sentAt is added at each attempt). */
	body: Record<string, string | number>;
	photo?: Blob;
	/** When the person did it, by the phone's clock (ISO). */
	createdAt: string;
	attempts: number;
	/** Not before this (ms since epoch): backoff after a failed attempt. */
	nextAttemptAt: number;
	lastError?: string;
	/** The server refused it for good; kept until the person has read why. */
	rejected?: { status: number; message: string; at: string };
}

interface OfflineSchema extends DBSchema {
	outbox: { key: number; value: OutboxItem; indexes: { byId: string; byUser: string } };
	views: { key: string; value: PatrolView };
	meta: { key: string; value: { key: string; value: string | number | boolean } };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

let opening: Promise<OfflineDb> | undefined;

export function offlineDb(): Promise<OfflineDb> {
	opening ??= openDB<OfflineSchema>('redband', 1, {
		upgrade(db) {
			const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
			outbox.createIndex('byId', 'id', { unique: true });
			outbox.createIndex('byUser', 'userId');
			db.createObjectStore('views', { keyPath: 'userId' });
			db.createObjectStore('meta', { keyPath: 'key' });
		},
		// Another tab or a new service worker wants a newer schema: let it, and reopen next time.
		blocking() {
			void opening?.then((db) => db.close());
			opening = undefined;
		}
	});
	return opening;
}

export async function getMeta<T extends string | number | boolean>(key: string): Promise<T | undefined> {
	return (await (await offlineDb()).get('meta', key))?.value as T | undefined;
}

export async function setMeta(key: string, value: string | number | boolean): Promise<void> {
	await (await offlineDb()).put('meta', { key, value });
}

export async function deleteMeta(key: string): Promise<void> {
	await (await offlineDb()).delete('meta', key);
}

export async function saveView(view: PatrolView): Promise<void> {
	const db = await offlineDb();
	const stored = await db.get('views', view.userId);
	if (!stored || stored.fetchedAt <= view.fetchedAt) await db.put('views', view);
}

export async function loadView(userId: string): Promise<PatrolView | undefined> {
	return (await offlineDb()).get('views', userId);
}
