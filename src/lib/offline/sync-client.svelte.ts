// The outbox as the pages see it: how many items wait, which the server refused and why, and when
// the phone last reached the server. It flushes on start, when the network returns, when the app
// comes back to the foreground, on a timer, and right after each new item; where the browser has
// Background Sync it also asks the service worker to flush when the signal returns, even with the
// app closed (Safari and Firefox have none: the other triggers cover them).
import { deleteMeta, getMeta, setMeta, type OutboxItem, type OutboxKind } from './idb';
import { enqueue, outboxChannelName, outboxItems, removeItem } from './outbox';
import type { WorkerMessage } from './pages';
import { currentUserKey, flush, SYNC_TAG } from './sync';

const TIMER_MS = 15_000;

type SentListener = (results: { kind: string; id: string; result: unknown }[]) => void;

class OfflineSync {
	userId = $state<string | null>(null);
	online = $state(true);
	items = $state<OutboxItem[]>([]);
	lastSyncAt = $state<string | null>(null);
	signedOut = $state(false);
	syncing = $state(false);
	/** The service worker controls the app and holds the offline pages. */
	offlineReady = $state(false);

	waiting = $derived(this.items.filter((item) => !item.rejected));
	rejected = $derived(this.items.filter((item) => item.rejected));

	#listeners = new Set<SentListener>();
	/** Items whose sending the listeners have heard of (ids are unique per item). */
	#told = new Set<string>();
	#stop: (() => void) | undefined;
	#again = false;
	#retry: ReturnType<typeof setTimeout> | undefined;

	start(userId: string): () => void {
		if (this.userId === userId && this.#stop) return this.#stop;
		this.#stop?.();
		this.userId = userId;
		this.online = navigator.onLine;
		void setMeta(currentUserKey, userId);
		const onOnline = () => {
			this.online = true;
			void this.sync(true);
		};
		const onOffline = () => (this.online = false);
		const onVisible = () => {
			if (document.visibilityState === 'visible') void this.sync(true);
		};
		const onFocus = () => void this.sync(true);
		const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(outboxChannelName);
		if (channel) channel.onmessage = () => void this.refresh();
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onOffline);
		window.addEventListener('focus', onFocus);
		document.addEventListener('visibilitychange', onVisible);
		const timer = setInterval(() => void this.sync(false), TIMER_MS);
		void this.refresh().then(() => this.sync(true));
		void this.warmOfflinePages();
		this.#stop = () => {
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('focus', onFocus);
			document.removeEventListener('visibilitychange', onVisible);
			clearInterval(timer);
			clearTimeout(this.#retry);
			channel?.close();
			this.#stop = undefined;
		};
		return this.#stop;
	}

	async refresh(): Promise<void> {
		if (!this.userId) return;
		const before = this.items.filter((item) => !item.rejected);
		this.items = await outboxItems(this.userId);
		// Sent by someone else (the service worker's Background Sync, another tab holding the
		// lock): the page's own flush never saw them, but its listeners must still hear of them.
		const gone = before.filter(
			(item) => !this.#told.has(item.id) && !this.items.some((i) => i.id === item.id)
		);
		if (gone.length) this.#tell(gone.map((item) => ({ kind: item.kind, id: item.id, result: null })));
		this.lastSyncAt = (await getMeta<string>('lastSyncAt')) ?? null;
		this.signedOut = (await getMeta<boolean>('signedOut')) ?? false;
	}

	#tell(results: Parameters<SentListener>[0]) {
		for (const sent of results) this.#told.add(sent.id);
		for (const listener of this.#listeners) listener(results);
	}

	/** Called with what reached the server, so a page can show the server's answer. */
	onSent(listener: SentListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async sync(force: boolean): Promise<void> {
		if (!this.userId) return;
		if (this.syncing) {
			this.#again = true;
			return;
		}
		this.syncing = true;
		try {
			do {
				this.#again = false;
				const result = await flush({ userId: this.userId, force });
				if (result?.results.length) this.#tell(result.results);
				if (result && result.sent + result.rejected > 0) this.online = true;
			} while (this.#again);
		} finally {
			this.syncing = false;
			await this.refresh();
			this.#scheduleRetry();
		}
	}

	/** The next attempt when its backoff ends, not at the next tick of the timer. */
	#scheduleRetry() {
		clearTimeout(this.#retry);
		const next = Math.min(...this.waiting.map((item) => item.nextAttemptAt));
		if (!Number.isFinite(next) || !this.online || this.signedOut) return;
		this.#retry = setTimeout(() => void this.sync(false), Math.max(250, next - Date.now()));
	}

	/** Queues a write and tries to send it at once. */
	async add(kind: OutboxKind, body: Record<string, string | number | undefined>, photo?: Blob) {
		if (!this.userId) throw new Error('Not signed in');
		const item = await enqueue({ userId: this.userId, kind, body, photo });
		await this.refresh();
		await requestBackgroundSync();
		void this.sync(true);
		return item;
	}

	async dismiss(item: OutboxItem): Promise<void> {
		await removeItem(item.seq!);
		await this.refresh();
	}

	/** A successful read from the server also means the phone is in sync. */
	async markSynced(): Promise<void> {
		const now = new Date().toISOString();
		await setMeta('lastSyncAt', now);
		await deleteMeta('signedOut');
		this.lastSyncAt = now;
		this.signedOut = false;
	}

	async warmOfflinePages(): Promise<void> {
		const userId = this.userId;
		if (!('serviceWorker' in navigator) || !userId) return;
		const registration = await navigator.serviceWorker.ready;
		const worker = registration.active;
		if (!worker) return;
		const done = new Promise<boolean>((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (event) => resolve(event.data === true);
			worker.postMessage({ type: 'WARM_PAGES', userId } satisfies WorkerMessage, [channel.port2]);
			setTimeout(() => resolve(false), 30_000);
		});
		if (!(await done)) return;
		// The first worker takes control a moment after it activates (clients.claim).
		const controlled = () => navigator.serviceWorker.controller !== null;
		this.offlineReady = controlled();
		if (!this.offlineReady) {
			navigator.serviceWorker.addEventListener('controllerchange', () => (this.offlineReady = controlled()), {
				once: true
			});
		}
	}
}

async function requestBackgroundSync(): Promise<void> {
	try {
		const registration = (await navigator.serviceWorker?.getRegistration()) as
			(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
		await registration?.sync?.register(SYNC_TAG);
	} catch {
		// No Background Sync here (Safari, Firefox) or not allowed: the page's triggers still run.
	}
}

export const offlineSync = new OfflineSync();
