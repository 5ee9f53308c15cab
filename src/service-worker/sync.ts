/// <reference lib="webworker" />
// Background Sync (Chromium): the browser wakes the worker when the signal returns, even with
// the app closed, and the outbox goes out from here. Browsers without it rely on the pages.
import { flush, SYNC_TAG } from '$lib/offline/sync';

export interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

export function onSync(event: SyncEvent): void {
	if (event.tag !== SYNC_TAG) return;
	event.waitUntil(
		flush({ force: true }).then((result) => {
			// Still waiting: rejecting asks the browser to fire the sync again later, with its own backoff.
			if (result?.waiting && !result.signedOut) throw new Error('Outbox not yet delivered');
		})
	);
}
