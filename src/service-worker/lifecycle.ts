/// <reference lib="webworker" />
import { version } from '$service-worker';

/** Caches belong to one build; older builds' caches are removed when this one takes over. */
export const cachePrefix = 'redband-';
export const cacheName = (purpose: string) => `${cachePrefix}${purpose}-${version}`;

export async function install(): Promise<void> {
	// A new version waits until the page asks it to take over (see onMessage), so that the
	// person decides when to reload and nothing in progress is interrupted.
}

export async function activate(worker: ServiceWorkerGlobalScope): Promise<void> {
	const keep = (name: string) => !name.startsWith(cachePrefix) || name.endsWith(`-${version}`);
	for (const name of await caches.keys()) if (!keep(name)) await caches.delete(name);
	await worker.clients.claim();
}

export function onMessage(worker: ServiceWorkerGlobalScope, event: ExtendableMessageEvent): void {
	// Sent by workbox-window's messageSkipWaiting() when the person taps "Reload".
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void worker.skipWaiting();
}
