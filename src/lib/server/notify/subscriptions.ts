// The devices a person receives pushes on. A subscription's endpoint is a URL the browser hands
// us and the worker later POSTs to, so only known push-service hosts are accepted: otherwise the
// sender could be aimed at any address inside the operator's network.
import type { SubscriptionInput } from '$lib/schemas/notify';
import { pushAllowedHosts } from '../config';
import { db, isUniqueViolation } from '../db';
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
 * Stores (or refreshes) a browser's subscription for this person. The endpoint is unique: the same
 * browser subscribing again keeps one row. A subscription belongs to the account that registered
 * it; another account may take the row over only by proving it is the same browser (the same
 * keys: a shared phone on which someone else signed in). Anyone else is refused, so knowing an
 * endpoint does not let an account redirect another person's notifications to itself or drop them.
 */
export async function saveSubscription(userId: string, input: SubscriptionInput, retry = true) {
	if (!isAllowedPushEndpoint(input.endpoint)) throw new PushHostRefusedError();
	const data = {
		userId,
		p256dh: input.keys.p256dh,
		auth: input.keys.auth,
		label: input.label ?? null,
		userAgent: input.userAgent ?? null,
		lastSeenAt: new Date()
	};
	try {
		return await db.$transaction(async (tx) => {
			const existing = await tx.pushSubscription.findUnique({
				where: { endpoint: input.endpoint },
				select: { id: true, userId: true, p256dh: true, auth: true }
			});
			if (!existing) {
				return tx.pushSubscription.create({
					data: { endpoint: input.endpoint, ...data },
					select: deviceFields
				});
			}
			if (existing.userId === userId) {
				return tx.pushSubscription.update({ where: { id: existing.id }, data, select: deviceFields });
			}
			const sameBrowser = existing.p256dh === input.keys.p256dh && existing.auth === input.keys.auth;
			if (!sameBrowser) throw new DomainError('notice_endpoint_taken', { status: 409, field: 'endpoint' });
			// The same browser, now someone else's: the previous person's queued pushes are not sent to it.
			await tx.pushDelivery.deleteMany({ where: { subscriptionId: existing.id, status: 'QUEUED' } });
			return tx.pushSubscription.update({ where: { id: existing.id }, data, select: deviceFields });
		});
	} catch (error) {
		// Two first registrations of one endpoint at once: the loser looks again.
		if (retry && isUniqueViolation(error)) return saveSubscription(userId, input, false);
		throw error;
	}
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
