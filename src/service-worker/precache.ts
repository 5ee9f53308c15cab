/// <reference lib="webworker" />
// The app shell: every built script, style and asset (the QR decoder's WebAssembly included),
// the static files (icons, manifest), the prerendered pages (phrase cards) and the offline page.
// Built files carry a content hash, so the cache of a build never goes stale; a new build installs
// a new cache. Of the fonts, only the small script ones are precached (the phrase cards need them
// offline): the hundreds of Chinese and Korean slices, and the .woff copies only old browsers
// read, are fetched when a page shows them and kept then (fonts.ts).
import { build, files, prerendered } from '$service-worker';
import { OFFLINE_FALLBACK } from '$lib/offline/pages';
import { cacheName } from './caches';

const PRECACHE = cacheName('precache');
const isLargeFont = (path: string) => path.endsWith('.woff') || /\/noto-sans-(sc|kr)-/.test(path);
const assets = [...build.filter((path) => !isLargeFont(path)), ...files, ...prerendered];
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
	// A prerendered page's data is asked for with a query (?x-sveltekit-invalidated=...).
	return (await caches.open(PRECACHE)).match(request, { ignoreSearch: true });
}

/** Cache first: these files never change under the same name. */
export async function cacheFirst(request: Request): Promise<Response> {
	return (await fromPrecache(request)) ?? fetch(request);
}
