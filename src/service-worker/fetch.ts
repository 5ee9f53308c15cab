/// <reference lib="webworker" />
// Which requests the worker answers: the app shell from its cache, fonts, page navigations (with the
// offline pages), and nothing else. API calls and data requests always go to the network; the
// pages handle their failure with the outbox and IndexedDB.
import { forgetPerson, navigate } from './offline-pages';
import { fontFirst, isBuiltFont } from './fonts';
import { cacheFirst, isPrecached } from './precache';

export function onFetch(worker: ServiceWorkerGlobalScope, event: FetchEvent): void {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/logout') {
		event.waitUntil(forgetPerson());
		return;
	}
	if (request.method !== 'GET') return;
	if (isPrecached(url.pathname)) event.respondWith(cacheFirst(request));
	else if (isBuiltFont(url)) event.respondWith(fontFirst(request));
	else if (request.mode === 'navigate') event.respondWith(navigate(event));
}
