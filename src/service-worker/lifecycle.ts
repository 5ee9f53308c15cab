/// <reference lib="webworker" />
import { version } from '$service-worker';
import type { WorkerMessage } from '$lib/offline/pages';
import { cachePrefix } from './caches';
import { warmPages } from './offline-pages';
import { precache } from './precache';

export async function install(): Promise<void> {
	// A new version waits until the page asks it to take over (see onMessage), so that the
	// person decides when to reload and nothing in progress is interrupted.
	await precache();
}

export async function activate(worker: ServiceWorkerGlobalScope): Promise<void> {
	const keep = (name: string) => !name.startsWith(cachePrefix) || name.endsWith(`-${version}`);
	for (const name of await caches.keys()) if (!keep(name)) await caches.delete(name);
	await worker.clients.claim();
}

export function onMessage(worker: ServiceWorkerGlobalScope, event: ExtendableMessageEvent): void {
	const message = event.data as WorkerMessage | null;
	// Sent by workbox-window's messageSkipWaiting() when the person taps "Reload".
	if (message?.type === 'SKIP_WAITING') void worker.skipWaiting();
	if (message?.type === 'WARM_PAGES') {
		event.waitUntil(warmPages(message.userId).then((ok) => event.ports[0]?.postMessage(ok)));
	}
}
