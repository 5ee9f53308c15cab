// Sends one outbox item and says what became of it. Works in a page and in the service worker.
import type { OutboxItem } from './idb';

export type SendOutcome =
	| { kind: 'sent'; result: unknown }
	/** Try again later: no signal, a timeout, or a server error. */
	| { kind: 'retry'; message: string }
	/** The server refused it for good (a forged code, a shift that is over); show why. */
	| { kind: 'rejected'; status: number; message: string }
	/** The session ended: keep it until the person signs in again. */
	| { kind: 'signed-out' };

const ENDPOINTS = {
	start: '/api/patrol/start',
	checkin: '/api/patrol/check-ins',
	end: '/api/patrol/end',
	report: '/api/patrol/reports',
	sos: '/api/sos',
	sosdetail: '/api/sos/details'
} as const;

/** A saturated network can hold a request for minutes; give up and retry instead. */
const TIMEOUT_MS = 20_000;

function requestFor(item: OutboxItem): RequestInit {
	const fields = { ...item.body, sentAt: new Date().toISOString() };
	if (item.kind !== 'report') {
		return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) };
	}
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
	if (item.photo) form.append('photo', item.photo, 'photo.jpg');
	return { method: 'POST', body: form };
}

export async function send(item: OutboxItem, origin = ''): Promise<SendOutcome> {
	let response: Response;
	try {
		response = await fetch(`${origin}${ENDPOINTS[item.kind]}`, {
			...requestFor(item),
			credentials: 'same-origin',
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
	} catch (error) {
		return { kind: 'retry', message: (error as Error)?.message ?? 'network' };
	}
	const body = (await response.json().catch(() => null)) as { message?: string } | null;
	if (response.ok) return { kind: 'sent', result: body };
	if (response.status === 401) return { kind: 'signed-out' };
	if (
		response.status === 408 ||
		response.status === 425 ||
		response.status === 429 ||
		response.status >= 500
	) {
		return { kind: 'retry', message: `HTTP ${response.status}` };
	}
	return { kind: 'rejected', status: response.status, message: body?.message ?? `HTTP ${response.status}` };
}
