// A broadcast to 10,000 phones through a local push service (HTTPS on 127.0.0.1, decrypting every
// message in its own process): seconds until every push is handed over by the outbox worker
// (bounded concurrency, keep-alive, cached VAPID header, SENT marks batched), next to a naive loop
// awaiting web-push's sendNotification one by one, in the same run; and the peak memory of this,
// the sending process, during each.
import { fork } from 'node:child_process';
import https from 'node:https';
import { availableParallelism, loadavg } from 'node:os';
import webpush from 'web-push';
import type { FakeDevice } from '../tests/support/push-service';
import { fixed, useScratchDatabase } from './support';

const PHONES = Number(process.env.BENCH_PHONES ?? 10_000);
// A real push service answers after a network round trip (30 ms is a good one to FCM or Mozilla);
// the naive loop waits for every one, so it runs on a sample and its time for all is projected.
const LATENCY_MS = Number(process.env.BENCH_PUSH_LATENCY_MS ?? 30);
const NAIVE = Number(process.env.BENCH_NAIVE ?? Math.min(PHONES, 2000));

const scratch = await useScratchDatabase();
const { db } = await import('../src/lib/server/db');
const { sendBroadcast } = await import('../src/lib/server/notify/broadcasts');
const { DeliveryWorker, pushPayload, PUSH_TTL_SECONDS } = await import('../src/lib/server/notify/deliver');
const { secrets } = await import('../src/lib/server/secrets');
const { volunteersWithPhones } = await import('../tests/support/push-crowd');

interface Counts {
	accepted: number;
	distinct: number;
	refused: number;
}

const service = fork('bench/broadcast-push-service.ts', [String(PHONES)], {
	execArgv: ['--import', 'tsx'],
	stdio: ['ignore', 'inherit', 'inherit', 'ipc']
});
const { ca, devices } = await new Promise<{ ca: string; devices: FakeDevice[] }>((resolve) =>
	service.once('message', (message) => resolve(message as { ca: string; devices: FakeDevice[] }))
);
const ask = (what: 'accepted' | 'reset') =>
	new Promise<Counts>((resolve) => {
		service.once('message', (message) => resolve(message as Counts));
		service.send({ ask: what });
	});
process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';

/** Peak RSS and heap of this process while `work` runs (sampled every 20 ms). */
async function peakMemory<T>(work: () => Promise<T>) {
	global.gc?.();
	let rss = 0;
	let heap = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		rss = Math.max(rss, usage.rss);
		heap = Math.max(heap, usage.heapUsed);
	};
	const timer = setInterval(sample, 20);
	const started = performance.now();
	try {
		const result = await work();
		sample();
		return { result, seconds: (performance.now() - started) / 1000, rss, heap };
	} finally {
		clearInterval(timer);
	}
}
const mb = (bytes: number) => `${fixed(bytes / 2 ** 20, 0)} MB`;

// 10,000 volunteers of one operation, one phone each.
const operation = await db.operation.create({
	data: {
		name: 'Bench',
		timezone: 'Asia/Shanghai',
		startsAt: new Date(),
		endsAt: new Date(Date.now() + 864e5)
	}
});
const organizer = await db.user.create({
	data: {
		email: 'organizer@bench.invalid',
		name: 'Organizer',
		passwordHash: 'x',
		role: 'ORGANIZER',
		status: 'ACTIVE'
	}
});
await db.operationMember.create({ data: { operationId: operation.id, userId: organizer.id } });
await volunteersWithPhones(operation.id, devices);
const text = {
	title: 'Gate 3 needs ten more people',
	body: 'Crowd building at Gate 3. If you are free, go there now and report to the gate lead.',
	translations: { zh: { title: '三号门需要十个人', body: '三号门人群聚集。如有空请立即前往并向门长报到。' } }
};

// The outbox: one transaction writes the inbox rows and the deliveries; then the worker sends.
const queued = await peakMemory(() =>
	sendBroadcast(organizer, {
		operationId: operation.id,
		...text,
		urgency: 'HIGH',
		requireAck: true,
		audience: { roles: ['VOLUNTEER'] }
	})
);
const agent = new https.Agent({ keepAlive: true, maxSockets: 50, ca });
const worker = new DeliveryWorker({ agent, concurrency: 50 });
const outbox = await peakMemory(() => worker.drain());
const afterWorker = await ask('reset');

// The naive loop: the same pushes, awaited one by one, signing VAPID for every message.
https.globalAgent.options.ca = ca;
const { vapid } = secrets();
const notices = await db.notice.findMany({
	where: { broadcastId: queued.result.id },
	select: { id: true, userId: true, title: true, body: true, url: true, topic: true, requireAck: true },
	orderBy: { userId: 'asc' }
});
const byUser = new Map(devices.map((device) => [device.id, device]));
const naive = await peakMemory(async () => {
	for (const notice of notices.slice(0, NAIVE)) {
		const device = byUser.get(notice.userId)!;
		await webpush.sendNotification(device, pushPayload(notice), {
			TTL: PUSH_TTL_SECONDS,
			urgency: 'high',
			vapidDetails: vapid
		});
	}
});
const afterNaive = await ask('accepted');
const naiveFull = (naive.seconds * notices.length) / Math.min(NAIVE, notices.length);

console.log(
	`phones: ${PHONES}; push service answers after ${LATENCY_MS} ms and decrypts 1 in ${process.env.BENCH_DECRYPT_EVERY ?? 10}; ` +
		`load average ${loadavg()
			.map((n) => fixed(n, 1))
			.join(' ')} on ${availableParallelism()} cores`
);
console.log(
	`queue the broadcast (${PHONES} notices + deliveries, one transaction): ${fixed(queued.seconds, 2)} s, ` +
		`peak RSS ${mb(queued.rss)}, heap ${mb(queued.heap)}`
);
console.log(
	`outbox worker (50 in flight, keep-alive):  ${fixed(outbox.seconds, 2)} s to hand over ${outbox.result.sent} ` +
		`(${fixed(outbox.result.sent / outbox.seconds, 0)}/s; service accepted ${afterWorker.accepted}, ` +
		`${afterWorker.distinct} phones), peak RSS ${mb(outbox.rss)}, heap ${mb(outbox.heap)}`
);
console.log(
	`naive loop (await sendNotification each): ${fixed(naive.seconds, 2)} s for ${Math.min(NAIVE, notices.length)} ` +
		`(${fixed(Math.min(NAIVE, notices.length) / naive.seconds, 0)}/s; service accepted ${afterNaive.accepted})` +
		(NAIVE < notices.length ? `, ${fixed(naiveFull, 1)} s projected for ${notices.length}` : '') +
		`, peak RSS ${mb(naive.rss)}, heap ${mb(naive.heap)}`
);
console.log(`ratio (naive / worker): ${fixed(naiveFull / outbox.seconds, 1)}x faster (goal 5x)`);

agent.destroy();
service.disconnect();
await db.$disconnect();
scratch.cleanup();
