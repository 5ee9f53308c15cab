/// <reference lib="webworker" />
// Font slices that are not precached (precache.ts): kept the first time a page needs them, so a
// page seen once with a signal shows its text the same way without one.
import { cacheName } from './caches';

const FONTS = cacheName('fonts');

export const isBuiltFont = (url: URL) =>
	url.pathname.startsWith('/_app/immutable/') && /\.woff2?$/.test(url.pathname);

export async function fontFirst(request: Request): Promise<Response> {
	const cache = await caches.open(FONTS);
	const kept = await cache.match(request);
	if (kept) return kept;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}
