// The devices a person receives pushes on. A subscription's endpoint is a URL the browser hands
// us and the worker later POSTs to, so only known push-service hosts are accepted: otherwise the
// sender could be aimed at any address inside the operator's network.
import type { SubscriptionInput } from '$lib/schemas/notify';
import { pushAllowedHosts } from '../config';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';

/** `*.example.com` matches any subdomain of example.com (not example.com itself). */
export function isAllowedPushEndpoint(endpoint: string, hosts = pushAllowedHosts()): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:' || url.username || url.password) return false;
	const host = url.hostname.toLowerCase();
	return hosts.some((allowed) =>
		allowed.startsWith('*.')
			? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1
			: host === allowed
	);
}

export class PushHostRefusedError extends DomainError {
	constructor() {
		super('notice_host_not_allowed', { status: 422, field: 'endpoint' });
	}
}

/**
 * Stores (or refreshes) a browser's subscription for this person. The same browser subscribing
 * again, or after another person signed in on it, keeps one row: the endpoint is unique.
 */
export async function saveSubscription(userId: string, input: SubscriptionInput) {
	if (!isAllowedPushEndpoint(input.endpoint)) throw new PushHostRefusedError();
	const data = {
		userId,
		p256dh: input.keys.p256dh,
		auth: input.keys.auth,
		label: input.label ?? null,
		userAgent: input.userAgent ?? null,
		lastSeenAt: new Date()
	};
	return db.pushSubscription.upsert({
		where: { endpoint: input.endpoint },
		create: { endpoint: input.endpoint, ...data },
		update: data,
		select: deviceFields
	});
}

const deviceFields = { id: true, label: true, userAgent: true, createdAt: true, lastSeenAt: true } as const;

export async function listDevices(userId: string) {
	return db.pushSubscription.findMany({
		where: { userId },
		orderBy: { createdAt: 'desc' },
		select: deviceFields
	});
}

export async function removeDevice(userId: string, id: string): Promise<void> {
	const { count } = await db.pushSubscription.deleteMany({ where: { id, userId } });
	if (!count) throw new NotFoundError('notice_device');
}

/** For the browser's own "turn off": it knows its endpoint, not our id. */
export async function removeDeviceByEndpoint(userId: string, endpoint: string): Promise<boolean> {
	const { count } = await db.pushSubscription.deleteMany({ where: { endpoint, userId } });
	return count > 0;
}
