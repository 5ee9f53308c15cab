/// <reference lib="webworker" />
// Push messages: shown as a notification whose tag is the message's topic, so a newer message
// about the same shift replaces the older one. Chromium shows an "Acknowledge" button; Safari and
// Firefox show none, so a tap opens the message's page, where acknowledging is one tap.
import {
	alert_push_on_my_way,
	notify_push_acknowledge,
	notify_push_fallback_title
} from '$lib/paraglide/messages';
import { ackPath, onMyWayPath, parsePushPayload, type PushPayload } from '$lib/notify/payload';
import { baseLocale, locales } from '$lib/paraglide/runtime';

export const ACK_ACTION = 'ack';
export const ON_MY_WAY_ACTION = 'on-my-way';

/** What the notification keeps for the click handler. */
interface NotificationData {
	id: string | null;
	url: string;
	respond?: string;
}

export function onPush(worker: ServiceWorkerGlobalScope, event: PushEvent): void {
	const payload = parsePushPayload(readData(event));
	event.waitUntil(show(worker, payload));
}

function readData(event: PushEvent): unknown {
	try {
		return event.data?.json();
	} catch {
		return event.data?.text();
	}
}

async function show(worker: ServiceWorkerGlobalScope, payload: PushPayload): Promise<void> {
	const locale =
		payload.locale ?? locales.find((tag) => worker.navigator.language.startsWith(tag)) ?? baseLocale;
	const data: NotificationData = { id: payload.id, url: payload.url, respond: payload.respond };
	// `actions` and `renotify` are not in TypeScript's NotificationOptions yet; Chromium reads them.
	const options: NotificationOptions & Record<string, unknown> = {
		body: payload.body,
		tag: payload.topic,
		renotify: Boolean(payload.topic),
		// An SOS stays on screen until someone acts on it.
		requireInteraction: payload.requireAck || Boolean(payload.respond),
		lang: locale,
		icon: '/icons/icon-192.png',
		badge: '/icons/icon-192.png',
		data,
		actions: payload.respond
			? [{ action: ON_MY_WAY_ACTION, title: alert_push_on_my_way({}, { locale }) }]
			: payload.requireAck && payload.id
				? [{ action: ACK_ACTION, title: notify_push_acknowledge({}, { locale }) }]
				: []
	};
	await worker.registration.showNotification(
		payload.title || notify_push_fallback_title({}, { locale }),
		options
	);
	await tellPages(worker, { type: 'NOTICE_RECEIVED' });
}

export function onNotificationClick(worker: ServiceWorkerGlobalScope, event: NotificationEvent): void {
	const data = (event.notification.data ?? {}) as Partial<NotificationData>;
	event.notification.close();
	if (event.action === ACK_ACTION && data.id) {
		event.waitUntil(acknowledge(worker, data.id));
		return;
	}
	if (event.action === ON_MY_WAY_ACTION && data.respond) {
		event.waitUntil(onMyWay(worker, data.respond, data.url ?? '/inbox'));
		return;
	}
	event.waitUntil(open(worker, data.url ?? '/inbox'));
}

/** Records the acknowledgement with the person's session cookie; on failure, opens the page to do it there. */
export async function acknowledge(worker: ServiceWorkerGlobalScope, id: string): Promise<boolean> {
	try {
		const response = await fetch(ackPath(id), {
			method: 'POST',
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
		if (response.ok) {
			await tellPages(worker, { type: 'NOTICE_ACKNOWLEDGED', id });
			return true;
		}
	} catch {
		// No signal: the page can do it when it opens.
	}
	await open(worker, `/inbox/${encodeURIComponent(id)}`);
	return false;
}

/** Records "I'm on my way" and opens the alert's page (where the same answer is one tap if it failed). */
export async function onMyWay(
	worker: ServiceWorkerGlobalScope,
	alertId: string,
	url: string
): Promise<boolean> {
	let ok = false;
	try {
		const response = await fetch(onMyWayPath(alertId), {
			method: 'POST',
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
		ok = response.ok;
	} catch {
		// No signal: the page offers the same button.
	}
	await open(worker, url);
	return ok;
}

async function open(worker: ServiceWorkerGlobalScope, path: string): Promise<void> {
	// Only the app's own pages: a payload never sends the person elsewhere.
	const url = new URL(path, worker.location.origin);
	const target =
		url.origin === worker.location.origin ? url.href : new URL('/inbox', worker.location.origin).href;
	const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const open = windows.find((client) => client.url === target) ?? windows[0];
	if (open) {
		const focused = await open.focus();
		if (focused.url !== target) await focused.navigate(target);
		return;
	}
	await worker.clients.openWindow(target);
}

async function tellPages(worker: ServiceWorkerGlobalScope, message: { type: string; id?: string }) {
	for (const client of await worker.clients.matchAll({ type: 'window' })) client.postMessage(message);
}
