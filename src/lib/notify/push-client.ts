// Turning Web Push on and off for this browser (client side). The subscription is made by the
// browser's push service and stored by the server, which sends through it.

export const SUBSCRIPTIONS_API = '/api/push/subscriptions';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

export function pushSupported(): boolean {
	return (
		typeof window !== 'undefined' &&
		'serviceWorker' in navigator &&
		'PushManager' in window &&
		'Notification' in window
	);
}

async function registration(): Promise<ServiceWorkerRegistration> {
	return navigator.serviceWorker.ready;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
	if (!pushSupported()) return null;
	return (await registration()).pushManager.getSubscription();
}

/** On only when this browser has a subscription and the server still has it in `deviceIds`. */
export async function pushState(deviceIds: string[]): Promise<PushState> {
	if (!pushSupported()) return 'unsupported';
	if (Notification.permission === 'denied') return 'denied';
	const id = thisDeviceId();
	return (await currentSubscription()) && id && deviceIds.includes(id) ? 'on' : 'off';
}

/** The VAPID public key (base64url) as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const base64 = base64url
		.replace(/-/g, '+')
		.replace(/_/g, '/')
		.padEnd(Math.ceil(base64url.length / 4) * 4, '=');
	const binary = atob(base64);
	const bytes = new Uint8Array(new ArrayBuffer(binary.length));
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** A short name for the device list: the browser and the system it runs on. */
export function deviceLabel(userAgent = navigator.userAgent): string {
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /Chrome\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: 'Browser';
	const system = /Android/.test(userAgent)
		? 'Android'
		: /iPhone|iPad/.test(userAgent)
			? 'iOS'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X/.test(userAgent)
					? 'macOS'
					: /Linux/.test(userAgent)
						? 'Linux'
						: '';
	return system ? `${browser} · ${system}` : browser;
}

export class PushError extends Error {}

// The server's id for this browser's subscription, to mark "this device" in the list.
const DEVICE_KEY = 'redband-push-device';

export function thisDeviceId(): string | null {
	return localStorage.getItem(DEVICE_KEY);
}

async function send(method: 'POST' | 'DELETE', body: unknown): Promise<{ id?: string }> {
	const response = await fetch(SUBSCRIPTIONS_API, {
		method,
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	const answer = (await response.json().catch(() => ({}))) as { id?: string; message?: string };
	if (!response.ok) throw new PushError(answer.message ?? response.statusText);
	return answer;
}

/** Asks for permission, subscribes with the server's VAPID key and stores the subscription. */
export async function turnOn(vapidPublicKey: string): Promise<PushState> {
	if (!pushSupported()) return 'unsupported';
	const permission = await Notification.requestPermission();
	if (permission === 'denied') return 'denied';
	if (permission !== 'granted') return 'off';
	const manager = (await registration()).pushManager;
	const key = keyBytes(vapidPublicKey);
	let subscription = await manager.getSubscription();
	// A subscription made with another key (the server's keys changed) cannot be used: renew it.
	const existing = subscription?.options.applicationServerKey;
	if (subscription && existing && !sameBytes(new Uint8Array(existing), key)) {
		await subscription.unsubscribe();
		subscription = null;
	}
	subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
	const { id } = await send('POST', { ...subscription.toJSON(), label: deviceLabel() });
	if (id) localStorage.setItem(DEVICE_KEY, id);
	return 'on';
}

export async function turnOff(): Promise<PushState> {
	const subscription = await currentSubscription();
	if (subscription) {
		await send('DELETE', { endpoint: subscription.endpoint });
		await subscription.unsubscribe();
	}
	localStorage.removeItem(DEVICE_KEY);
	return pushSupported() ? 'off' : 'unsupported';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
