// The push outbox across processes, on a real database file (SQLite) or server (PostgreSQL):
// a worker process killed (SIGKILL) in the middle of a 2,000-recipient broadcast and started again
// delivers every message, and two worker processes on one database never send the same row twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { sendBroadcast } from '$lib/server/notify';
import { topicHeader } from '$lib/server/notify/deliver';
import { makeOperation, makeUser, unique } from '../support/factories';
import { volunteersWithPhones } from '../support/push-crowd';
import { PushService, type FakeDevice } from '../support/push-service';

const RECIPIENTS = 2000;

let service: PushService;
let scratch: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
	service = await new PushService().listen();
	scratch = mkdtempSync(join(tmpdir(), 'redband-push-workers-'));
	writeFileSync(join(scratch, 'ca.pem'), service.ca);
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
});

afterEach(async () => {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
});

afterAll(async () => {
	await service.close();
	rmSync(scratch, { recursive: true, force: true });
	delete process.env.PUSH_ALLOWED_HOSTS;
});

/** A worker process, like an app instance's, on this test file's database. */
async function startWorker(id: string, leaseMs?: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/push-worker.ts'], {
		env: {
			...process.env,
			NODE_EXTRA_CA_CERTS: join(scratch, 'ca.pem'),
			DATA_DIR: scratch,
			...(leaseMs ? { PUSH_LEASE_MS: String(leaseMs) } : {}),
			PUSH_WORKER_ID: id,
			PUSH_CONCURRENCY: '50'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.add(child);
	child.on('exit', () => children.delete(child));
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`worker ${id} exited early (${code})`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('push worker ready')) resolve();
		});
	});
	return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

/** An operation with `count` volunteers, one fake phone each, and an organizer. */
async function crowd(count: number) {
	const operation = await makeOperation();
	const organizer = await makeUser({ role: 'ORGANIZER' });
	await db.operationMember.create({ data: { operationId: operation.id, userId: organizer.id } });
	const tag = unique('crowd');
	const phones = Array.from({ length: count }, (_, i) => service.device(`${tag}-${i}`));
	await volunteersWithPhones(operation.id, phones);
	const devices = new Map(phones.map((device) => [device.id, device]));
	return { operation, organizer, devices };
}

async function broadcast(scene: Awaited<ReturnType<typeof crowd>>) {
	return sendBroadcast(scene.organizer, {
		operationId: scene.operation.id,
		title: 'Storm warning',
		body: 'Move to the nearest shelter point and wait for instructions.',
		translations: { zh: { title: '暴风雨预警', body: '请前往最近的避难点并等待指示。' } },
		urgency: 'HIGH',
		requireAck: true,
		audience: { roles: ['VOLUNTEER'] }
	});
}

const sentCount = (broadcastId: string) =>
	db.pushDelivery.count({ where: { status: 'SENT', notice: { broadcastId } } });

/** Accepted pushes of one broadcast, per device. */
function pushesByDevice(broadcastId: string) {
	const topic = topicHeader(`broadcast:${broadcastId}`);
	const byDevice = new Map<string, typeof service.received>();
	for (const push of service.accepted()) {
		if (push.topic !== topic) continue;
		byDevice.set(push.deviceId, [...(byDevice.get(push.deviceId) ?? []), push]);
	}
	return byDevice;
}

async function expectEveryoneReached(broadcastId: string, devices: Map<string, FakeDevice>) {
	const notices = await db.notice.findMany({
		where: { broadcastId },
		select: { id: true, userId: true, title: true }
	});
	expect(notices).toHaveLength(devices.size);
	const byDevice = pushesByDevice(broadcastId);
	for (const notice of notices) {
		const pushes = byDevice.get(notice.userId) ?? [];
		expect(pushes.length, notice.userId).toBeGreaterThanOrEqual(1);
		for (const push of pushes) {
			expect(push.payload).toMatchObject({ id: notice.id, title: notice.title, requireAck: true });
		}
	}
	return byDevice;
}

describe('the push outbox across processes', () => {
	it("after a kill mid-broadcast, a restart delivers the dead worker's rows within 20 s and repeats only pushes in flight", async () => {
		const scene = await crowd(RECIPIENTS);
		const sent = await broadcast(scene);
		expect(sent.pushes).toBe(RECIPIENTS);

		// The app's own lease (15 s, renewed while working). Kill the worker from inside the push
		// service, the moment it has taken a third.
		const first = await startWorker('first');
		let killedAt = 0;
		const killed = new Promise<void>((resolve) => {
			service.onPush = () => {
				if (killedAt || service.accepted().length < RECIPIENTS / 3) return;
				killedAt = service.accepted().length;
				first.kill('SIGKILL');
				resolve();
			};
		});
		await killed;
		const diedAt = Date.now();
		service.onPush = null;
		await new Promise((resolve) => first.once('exit', resolve));
		const rows = await db.pushDelivery.findMany({
			where: { notice: { broadcastId: sent.id } },
			select: { id: true, status: true, notice: { select: { userId: true } } }
		});
		const inDoubt = rows.filter((row) => row.status === 'SENDING');
		const recorded = new Set(rows.filter((row) => row.status === 'SENT').map((row) => row.notice.userId));
		const sentBeforeRestart = recorded.size;
		expect(sentBeforeRestart).toBeLessThan(RECIPIENTS);
		// Every answer is written as it comes: what the service took but the database does not know
		// is only what was in flight (at most one push per lane), never a batch waiting to be written.
		const acceptedBeforeKill = new Set(pushesByDevice(sent.id).keys());
		const unrecorded = [...acceptedBeforeKill].filter((deviceId) => !recorded.has(deviceId));
		expect(unrecorded.length).toBeLessThanOrEqual(50);

		const restartAt = Date.now();
		const second = await startWorker('second');
		// Starting a Node process is the machine's time, not the outbox's: on a busy 2-core machine
		// it alone can take seconds, so it is left out of the bound below.
		const startupMs = Date.now() - restartAt;
		const doubtIds = inDoubt.map((row) => row.id);
		await expect
			.poll(() => db.pushDelivery.count({ where: { id: { in: doubtIds }, status: 'SENT' } }), {
				timeout: 30_000,
				interval: 100
			})
			.toBe(doubtIds.length);
		const resumedAfterMs = Date.now() - diedAt - startupMs;
		expect(resumedAfterMs).toBeLessThan(20_000);
		await expect.poll(() => sentCount(sent.id), { timeout: 200_000, interval: 250 }).toBe(RECIPIENTS);
		await stopWorker(second);

		const byDevice = await expectEveryoneReached(sent.id, scene.devices);
		// A push in flight when the process died may have reached the push service without the
		// worker hearing back: only those can go out twice, and they carry the same Topic, so the
		// push service replaces the undelivered copy and the phone shows one.
		const inFlight = new Set(unrecorded);
		const twice = [...byDevice].filter(([, pushes]) => pushes.length > 1);
		for (const [deviceId, pushes] of twice) {
			expect(inFlight.has(deviceId), deviceId).toBe(true);
			expect(pushes).toHaveLength(2);
			expect(pushes[0].topic).toBe(pushes[1].topic);
		}
		console.log(
			`crash test: killed after ${killedAt} pushes, ${sentBeforeRestart} recorded, ${unrecorded.length} in flight, ` +
				`${inDoubt.length} leased; the dead worker's rows all sent ${resumedAfterMs} ms after the kill, ` +
				`${twice.length} handed over twice (same topic), all ${RECIPIENTS} delivered`
		);
	}, 300_000);

	it('two worker processes on one database deliver a broadcast with no duplicates', async () => {
		const scene = await crowd(RECIPIENTS);
		const sent = await broadcast(scene);
		const workers = await Promise.all([startWorker('one', 60_000), startWorker('two', 60_000)]);
		await expect.poll(() => sentCount(sent.id), { timeout: 200_000, interval: 250 }).toBe(RECIPIENTS);
		await Promise.all(workers.map(stopWorker));

		const byDevice = await expectEveryoneReached(sent.id, scene.devices);
		expect([...byDevice.values()].every((pushes) => pushes.length === 1)).toBe(true);
		const shares = await db.pushDelivery.groupBy({
			by: ['claimedBy'],
			where: { notice: { broadcastId: sent.id } },
			_count: { _all: true }
		});
		expect(shares.map((share) => share.claimedBy).sort()).toEqual(['one', 'two']);
		console.log(`two workers: ${shares.map((s) => `${s.claimedBy} sent ${s._count._all}`).join(', ')}`);
	}, 300_000);
});
