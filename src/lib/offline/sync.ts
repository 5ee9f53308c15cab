// Replays the outbox in order: stops at the first item that must wait (no signal, server error),
// skips past one the server refused for good (keeping it to show why), and backs off between
// attempts. Runs in pages (on start, online, focus, a timer) and in the service worker (on a
// Background Sync event, where the browser has them); a Web Lock keeps two of them from sending
// the same items at once.
import { announceOutbox, nextPending, removeItem, updateItem } from './outbox';
import { deleteMeta, getMeta, setMeta } from './idb';
import { send, type SendOutcome } from './sender';

export const SYNC_TAG = 'redband-outbox';
const LOCK = 'redband-outbox';

export interface FlushResult {
	sent: number;
	rejected: number;
	/** Items still waiting after this flush. */
	waiting: boolean;
	signedOut: boolean;
	results: { kind: string; id: string; result: unknown }[];
}

/** 2 s, 4 s, 8 s … up to 2 min, with jitter so a crowd of phones does not retry in step. */
export function backoffMs(attempts: number, random = Math.random()): number {
	const base = Math.min(2000 * 2 ** Math.max(0, attempts - 1), 2 * 60_000);
	return Math.round(base * (0.8 + 0.4 * random));
}

async function withLock<T>(work: () => Promise<T>): Promise<T | null> {
	// navigator is a Navigator in pages and a WorkerNavigator in the service worker; both have locks.
	const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
	if (!locks) return work();
	// ifAvailable: a flush already running will send everything; no need to queue behind it.
	return locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? work() : null));
}

const isOffline = () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;

/** The person whose items may go out: set by the pages, cleared at sign-out. */
export const currentUserKey = 'currentUser';

export async function flush(options: { userId?: string; force?: boolean; origin?: string } = {}) {
	const userId = options.userId ?? (await getMeta<string>(currentUserKey));
	if (!userId) return null;
	return withLock(async (): Promise<FlushResult> => {
		const result: FlushResult = { sent: 0, rejected: 0, waiting: false, signedOut: false, results: [] };
		for (;;) {
			const item = await nextPending(userId);
			if (!item) break;
			// Known to be offline: no attempt (and no backoff); the 'online' event starts a flush.
			if (isOffline()) {
				result.waiting = true;
				break;
			}
			if (!options.force && item.nextAttemptAt > Date.now()) {
				result.waiting = true;
				break;
			}
			const outcome: SendOutcome = await send(item, options.origin);
			if (outcome.kind === 'sent') {
				await removeItem(item.seq!);
				await setMeta('lastSyncAt', new Date().toISOString());
				await deleteMeta('signedOut');
				result.sent++;
				result.results.push({ kind: item.kind, id: item.id, result: outcome.result });
				continue;
			}
			if (outcome.kind === 'rejected') {
				await updateItem({
					...item,
					rejected: { status: outcome.status, message: outcome.message, at: new Date().toISOString() }
				});
				result.rejected++;
				continue;
			}
			result.waiting = true;
			if (outcome.kind === 'signed-out') {
				await setMeta('signedOut', true);
				announceOutbox();
				result.signedOut = true;
				break;
			}
			const attempts = item.attempts + 1;
			await updateItem({
				...item,
				attempts,
				nextAttemptAt: Date.now() + backoffMs(attempts),
				lastError: outcome.message
			});
			break;
		}
		return result;
	});
}
