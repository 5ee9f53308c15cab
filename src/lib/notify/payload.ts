// The push message's JSON, shared by the sender (server) and the service worker that shows it.
// The worker reads it defensively: a push can come from an older or newer server.
import { isLocale, type Locale } from '$lib/paraglide/runtime';

export interface PushPayload {
	/** The inbox message (Notice) id; null for a push that is not tied to one. */
	id: string | null;
	title: string;
	body: string;
	/** A path inside the app that the notification opens. */
	url: string;
	/** Notifications with the same topic replace each other on the phone. */
	topic?: string;
	requireAck: boolean;
	locale?: Locale;
	/** An alert (SOS, welfare check) the person can answer "I'm on my way" to from the notification. */
	respond?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function parsePushPayload(raw: unknown): PushPayload {
	if (typeof raw === 'string') return { id: null, title: '', body: raw, url: '/inbox', requireAck: false };
	const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const id = text(input.id) || text(input.noticeId) || null;
	const url = text(input.url);
	const locale = isLocale(input.locale) ? input.locale : undefined;
	return {
		id,
		title: text(input.title),
		body: text(input.body),
		url:
			url.startsWith('/') && !url.startsWith('//') ? url : id ? `/inbox/${encodeURIComponent(id)}` : '/inbox',
		topic: text(input.topic) || text(input.tag) || undefined,
		requireAck: input.requireAck === true,
		locale,
		respond: /^[\w-]{1,64}$/.test(text(input.respond)) ? text(input.respond) : undefined
	};
}

/** Where a message is acknowledged: by the in-app button's fetch and by the service worker. */
export const ackPath = (id: string) => `/api/notices/${encodeURIComponent(id)}/ack`;

/** Where "I'm on my way" is recorded: by the notification's button (service worker) and the page. */
export const onMyWayPath = (alertId: string) => `/api/alerts/${encodeURIComponent(alertId)}/on-my-way`;
