// The pages a volunteer needs with no signal. The service worker keeps a copy of each (fetched
// with the person's session) and serves it when the network fails; the page then shows what the
// phone has in IndexedDB, which is newer than the copy.
export const OFFLINE_PAGES = ['/patrol', '/patrol/report', '/home'] as const;

/** Served for any other page the network cannot reach. */
export const OFFLINE_FALLBACK = '/offline';

export type WorkerMessage =
	| { type: 'SKIP_WAITING' }
	/** Fetch and keep the offline pages now (the person just signed in, or the app updated). */
	| { type: 'WARM_PAGES'; userId: string };
