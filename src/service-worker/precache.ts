/// <reference lib="webworker" />
// The app shell: every built script, style and asset (the QR decoder's WebAssembly included),
// the static files (icons, manifest), and the offline page. Built files carry a content hash, so
// the cache of a build never goes stale; a new build installs a new cache.
import { build, files } from '$service-worker';
import { OFFLINE_FALLBACK } from '$lib/offline/pages';
import { cacheName } from './caches';

const PRECACHE = cacheName('precache');
const assets = [...build, ...files];
const precached = new Set<string>(assets);

export async function precache(): Promise<void> {
	const cache = await caches.open(PRECACHE);
	await cache.addAll(assets);
	// Rendered without the session: it is the same for everyone, and holds nothing personal.
	const offline = await fetch(OFFLINE_FALLBACK, { credentials: 'omit' });
	if (!offline.ok) throw new Error(`Could not fetch ${OFFLINE_FALLBACK}: ${offline.status}`);
	await cache.put(OFFLINE_FALLBACK, offline);
}

export const isPrecached = (pathname: string) => precached.has(pathname);

export async function fromPrecache(request: Request | string): Promise<Response | undefined> {
	return (await caches.open(PRECACHE)).match(request);
}

/** Cache first: these files never change under the same name. */
export async function cacheFirst(request: Request): Promise<Response> {
	return (await fromPrecache(request)) ?? fetch(request);
}
