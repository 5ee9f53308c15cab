/// <reference lib="webworker" />
// Pages with no signal. The volunteer's pages are fetched network-first (a slow network gets a
// few seconds, then the kept copy is shown while the network answer still refreshes the copy);
// a copy is kept only of a real page for a signed-in person, never of a redirect to sign-in.
// Any other page the network cannot reach gets the offline page. Signing out forgets the copies.
import { deleteMeta } from '$lib/offline/idb';
import { OFFLINE_FALLBACK, OFFLINE_PAGES } from '$lib/offline/pages';
import { currentUserKey } from '$lib/offline/sync';
import { cacheName } from './caches';
import { fromPrecache } from './precache';

const PAGES = cacheName('pages');
const SLOW_NETWORK_MS = 4000;

const isOfflinePage = (url: URL) => (OFFLINE_PAGES as readonly string[]).includes(url.pathname);

function keepable(response: Response): boolean {
	return (
		response.ok &&
		!response.redirected &&
		response.type === 'basic' &&
		(response.headers.get('content-type') ?? '').startsWith('text/html')
	);
}

/**
 * Whose copies were last fetched, and when. Every full page load asks for them; fetched again
 * within minutes for the same person they would cost the server three page renders per load for
 * nothing (a page the person opens refreshes its own copy anyway).
 */
let warmed: { userId: string; at: number } | null = null;
const WARM_AGAIN_AFTER_MS = 5 * 60_000;

export async function warmPages(userId: string): Promise<boolean> {
	if (warmed?.userId === userId && Date.now() - warmed.at < WARM_AGAIN_AFTER_MS) return true;
	const cache = await caches.open(PAGES);
	const results = await Promise.all(
		OFFLINE_PAGES.map(async (path) => {
			try {
				const response = await fetch(path, { credentials: 'same-origin' });
				if (!keepable(response)) return false;
				await cache.put(path, response);
				return true;
			} catch {
				return false;
			}
		})
	);
	const ready = results.every(Boolean);
	warmed = ready ? { userId, at: Date.now() } : null;
	return ready;
}

export async function navigate(event: FetchEvent): Promise<Response> {
	const url = new URL(event.request.url);
	const keep = isOfflinePage(url) && url.search === '';
	const network = fetch(event.request).then(async (response) => {
		if (keep && keepable(response)) await (await caches.open(PAGES)).put(url.pathname, response.clone());
		return response;
	});
	event.waitUntil(network.then(() => undefined).catch(() => undefined));
	if (isOfflinePage(url)) {
		const slow = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SLOW_NETWORK_MS));
		const first = await Promise.race([network.catch(() => undefined), slow]);
		if (first) return first;
		const cached = await (await caches.open(PAGES)).match(url.pathname);
		if (cached) return cached;
	}
	try {
		return await network;
	} catch {
		return offlineAnswer(url);
	}
}

async function offlineAnswer(url: URL): Promise<Response> {
	const pages = await caches.open(PAGES);
	if (isOfflinePage(url)) {
		const cached = await pages.match(url.pathname);
		if (cached) return cached;
	}
	// A checkpoint poster's link, opened by the phone's camera app with no signal: the patrol
	// screen checks in from the token itself.
	const scan = url.pathname.match(/^\/scan\/([^/]+)$/);
	if (scan && (await pages.match('/patrol'))) {
		return Response.redirect(new URL(`/patrol?scan=${scan[1]}`, url.origin).href, 303);
	}
	return (await fromPrecache(OFFLINE_FALLBACK)) ?? Response.error();
}

export async function forgetPerson(): Promise<void> {
	warmed = null;
	await caches.delete(PAGES);
	await deleteMeta(currentUserKey);
}
