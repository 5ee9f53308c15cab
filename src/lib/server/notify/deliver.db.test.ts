import type { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '../../../../tests/support/factories';
import { PushService, trustingAgent, type FakeDevice } from '../../../../tests/support/push-service';
import { DeliveryWorker, MAX_PAYLOAD_BYTES, topicHeader } from './deliver';
import { writeNotices, type NoticeDraft } from './outbox';
import { PushHostRefusedError, isAllowedPushEndpoint, saveSubscription } from './subscriptions';

let service: PushService;
let worker: DeliveryWorker;
let agent: Agent;

beforeAll(async () => {
	service = await new PushService().listen();
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
	agent = trustingAgent(service, 10);
	worker = new DeliveryWorker({ agent, concurrency: 10, pollMs: 100 });
});

afterAll(async () => {
	await worker.stop();
	await service.close();
	agent.destroy();
	delete process.env.PUSH_ALLOWED_HOSTS;
});

async function personWithDevices(count = 1, locale = 'en') {
	const user = await makeUser({ locale });
	const devices: FakeDevice[] = [];
	for (let i = 0; i < count; i++) {
		const device = service.device();
		await saveSubscription(user.id, { endpoint: device.endpoint, keys: device.keys });
		devices.push(device);
	}
	return { user, devices };
}

async function notify(userId: string, draft: Partial<NoticeDraft> = {}) {
	const { ids } = await db.$transaction((tx) =>
		writeNotices(tx, [{ userId, kind: 'test', title: 'Gate 3 needs people', body: 'Come now.', ...draft }])
	);
	return ids[0];
}

const deliveriesOf = (noticeId: string) =>
	db.pushDelivery.findMany({ where: { noticeId }, orderBy: { createdAt: 'asc' } });

describe('the push worker', () => {
	it('hands each push over encrypted, with TTL, urgency and a hashed topic, and never again', async () => {
		const { user, devices } = await personWithDevices(2, 'zh');
		const noticeId = await notify(user.id, {
			topic: 'shift:abc',
			urgency: 'HIGH',
			requireAck: true,
			url: '/shifts/abc'
		});

		const run = await worker.drain();
		expect(run.sent).toBeGreaterThanOrEqual(2);
		for (const device of devices) {
			const [push] = service.accepted(device.id);
			expect(push.payload).toEqual({
				id: noticeId,
				title: 'Gate 3 needs people',
				body: 'Come now.',
				url: '/shifts/abc',
				topic: 'shift:abc',
				requireAck: true,
				locale: 'zh'
			});
			expect(push.ttl).toBe('86400');
			expect(push.urgency).toBe('high');
			expect(push.topic).toBe(topicHeader('shift:abc'));
			expect(push.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
		}
		const rows = await deliveriesOf(noticeId);
		expect(rows.map((row) => row.status)).toEqual(['SENT', 'SENT']);
		expect(rows.every((row) => row.sentAt && row.claimedBy === worker.id && !row.claimedUntil)).toBe(true);

		await worker.drain();
		for (const device of devices) expect(service.accepted(device.id)).toHaveLength(1);
	});

	it('keeps a long message within 4 KB', async () => {
		const { user, devices } = await personWithDevices();
		await notify(user.id, { body: '紧急'.repeat(3000) });
		await worker.drain();
		const [push] = service.accepted(devices[0].id);
		expect(push.bytes).toBeLessThanOrEqual(4096);
		expect(Buffer.byteLength(JSON.stringify(push.payload))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(String(push.payload?.body)).toMatch(/^紧急.*…$/);
	});

	it.each([404, 410] as const)('removes a device whose push service answers %i', async (status) => {
		const { user, devices } = await personWithDevices(2);
		service.unsubscribe(devices[0].id, status);
		const first = await notify(user.id);
		const second = await notify(user.id);
		// Only the first notice's pushes are due: the second's must be dropped with the device.
		await db.pushDelivery.updateMany({
			where: { noticeId: second },
			data: { nextAttemptAt: new Date(Date.now() + 60_000) }
		});

		await worker.drain();
		const gone = await db.pushSubscription.findUnique({ where: { endpoint: devices[0].endpoint } });
		expect(gone).toBeNull();
		expect(await db.pushSubscription.count({ where: { userId: user.id } })).toBe(1);
		const statuses = async (noticeId: string) =>
			(await deliveriesOf(noticeId)).map((row) => row.status).sort();
		expect(await statuses(first)).toEqual(['GONE', 'SENT']);
		expect(await statuses(second)).toEqual(['GONE', 'QUEUED']);
		expect(service.received.filter((push) => push.deviceId === devices[0].id)).toHaveLength(1);
	});

	it('retries a 429 only after the Retry-After delay', async () => {
		const { user, devices } = await personWithDevices();
		service.script(devices[0].id, { status: 429, retryAfter: '2' });
		const noticeId = await notify(user.id);

		const started = Date.now();
		worker.start();
		await expect
			.poll(() => service.accepted(devices[0].id).length, { timeout: 10_000, interval: 100 })
			.toBe(1);
		const attempts = service.received.filter((push) => push.deviceId === devices[0].id);
		expect(attempts.map((push) => push.status)).toEqual([429, 201]);
		expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(2000);
		expect(Date.now() - started).toBeLessThan(10_000);
		await expect.poll(async () => (await deliveriesOf(noticeId))[0].status).toBe('SENT');
		await worker.stop();
		const [row] = await deliveriesOf(noticeId);
		expect(row.attempts).toBe(2);
		expect(row.lastError).toBeNull();
	});

	it('retries a 500 with backoff and gives up on other refusals', async () => {
		const { user, devices } = await personWithDevices(2);
		service.script(devices[0].id, { status: 500 });
		service.script(devices[1].id, { status: 400 });
		const noticeId = await notify(user.id);

		const before = Date.now();
		await worker.drain();
		const rows = await deliveriesOf(noticeId);
		const byDevice = async (device: FakeDevice) => {
			const subscription = await db.pushSubscription.findUniqueOrThrow({
				where: { endpoint: device.endpoint }
			});
			return rows.find((row) => row.subscriptionId === subscription.id);
		};
		const retried = await byDevice(devices[0]);
		expect(retried?.status).toBe('QUEUED');
		expect(retried?.nextAttemptAt.getTime()).toBeGreaterThan(before + 500);
		expect(retried?.lastError).toMatch(/500/);
		expect((await byDevice(devices[1]))?.status).toBe('FAILED');
	});

	it('takes over a claim whose lease expired (a crashed worker) but not a live one', async () => {
		const { user, devices } = await personWithDevices(2);
		const noticeId = await notify(user.id);
		const [stale, live] = await deliveriesOf(noticeId);
		await db.pushDelivery.update({
			where: { id: stale.id },
			data: { status: 'SENDING', claimedBy: 'dead', claimedUntil: new Date(Date.now() - 1000), attempts: 1 }
		});
		await db.pushDelivery.update({
			where: { id: live.id },
			data: {
				status: 'SENDING',
				claimedBy: 'alive',
				claimedUntil: new Date(Date.now() + 60_000),
				attempts: 1
			}
		});

		await worker.drain();
		expect((await db.pushDelivery.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe('SENT');
		expect((await db.pushDelivery.findUniqueOrThrow({ where: { id: live.id } })).status).toBe('SENDING');
		expect(service.accepted(devices[0].id).length + service.accepted(devices[1].id).length).toBe(1);
	});
});

describe('subscriptions', () => {
	it('accepts only https endpoints on allowed push hosts', async () => {
		const hosts = ['fcm.googleapis.com', '*.push.services.mozilla.com', '127.0.0.1'];
		expect(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', hosts)).toBe(true);
		expect(isAllowedPushEndpoint('https://updates.push.services.mozilla.com/wpush/v2/x', hosts)).toBe(true);
		expect(isAllowedPushEndpoint('https://push.services.mozilla.com/x', hosts)).toBe(false);
		expect(isAllowedPushEndpoint('https://evilpush.services.mozilla.com.attacker.net/x', hosts)).toBe(false);
		expect(isAllowedPushEndpoint('http://fcm.googleapis.com/fcm/send/abc', hosts)).toBe(false);
		expect(isAllowedPushEndpoint('https://user@fcm.googleapis.com/x', hosts)).toBe(false);
		expect(isAllowedPushEndpoint('https://10.0.0.5/admin', hosts)).toBe(false);
		expect(isAllowedPushEndpoint('not a url', hosts)).toBe(false);
	});

	it('refuses a device on a host that is not on the list, and stores nothing', async () => {
		const user = await makeUser();
		const keys = service.device().keys;
		await expect(
			saveSubscription(user.id, { endpoint: 'https://169.254.169.254/latest/meta-data', keys })
		).rejects.toBeInstanceOf(PushHostRefusedError);
		expect(await db.pushSubscription.count({ where: { userId: user.id } })).toBe(0);
	});

	it('refuses another account taking over a subscription without the same keys', async () => {
		const [owner, intruder] = [await makeUser(), await makeUser()];
		const device = service.device();
		const other = service.device();
		await saveSubscription(owner.id, { endpoint: device.endpoint, keys: device.keys });
		await expect(
			saveSubscription(intruder.id, { endpoint: device.endpoint, keys: other.keys })
		).rejects.toMatchObject({ code: 'notice_endpoint_taken', status: 409 });
		await expect(
			saveSubscription(intruder.id, {
				endpoint: device.endpoint,
				keys: { p256dh: device.keys.p256dh, auth: other.keys.auth }
			})
		).rejects.toMatchObject({ status: 409 });
		const rows = await db.pushSubscription.findMany({ where: { endpoint: device.endpoint } });
		expect(rows).toMatchObject([{ userId: owner.id, p256dh: device.keys.p256dh, auth: device.keys.auth }]);
		// The owner may refresh its own row, new keys included.
		await saveSubscription(owner.id, { endpoint: device.endpoint, keys: other.keys });
		expect((await db.pushSubscription.findUniqueOrThrow({ where: { endpoint: device.endpoint } })).auth).toBe(
			other.keys.auth
		);
	});

	it('keeps one row per browser, moving it to whoever subscribed last with the same keys', async () => {
		const [first, second] = [await makeUser(), await makeUser()];
		const device = service.device();
		await saveSubscription(first.id, { endpoint: device.endpoint, keys: device.keys });
		await saveSubscription(second.id, { endpoint: device.endpoint, keys: device.keys, label: 'Phone' });
		const rows = await db.pushSubscription.findMany({ where: { endpoint: device.endpoint } });
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ userId: second.id, label: 'Phone' });
	});
});
