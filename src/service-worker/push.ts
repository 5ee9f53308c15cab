/// <reference lib="webworker" />
// Push messages: shown as a notification whose tag is the message's topic, so a newer message
// about the same shift replaces the older one. Chromium shows an "Acknowledge" button; Safari and
// Firefox show none, so a tap opens the message's page, where acknowledging is one tap.
import { notify_push_acknowledge, notify_push_fallback_title } from '$lib/paraglide/messages';
import { ackPath, parsePushPayload, type PushPayload } from '$lib/notify/payload';

export const ACK_ACTION = 'ack';

/** What the notification keeps for the click handler. */
interface NotificationData {
	id: string | null;
	url: string;
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
	const locale = payload.locale ?? (worker.navigator.language.startsWith('zh') ? 'zh' : 'en');
	const data: NotificationData = { id: payload.id, url: payload.url };
	// `actions` and `renotify` are not in TypeScript's NotificationOptions yet; Chromium reads them.
	const options: NotificationOptions & Record<string, unknown> = {
		body: payload.body,
		tag: payload.topic,
		renotify: Boolean(payload.topic),
		requireInteraction: payload.requireAck,
		lang: locale,
		icon: '/icons/icon-192.png',
		badge: '/icons/icon-192.png',
		data,
		actions:
			payload.requireAck && payload.id
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
