// The push worker alone, as its own process (npx tsx tests/support/push-worker.ts), for the crash
// and multi-instance tests: DATABASE_URL says where, NODE_EXTRA_CA_CERTS trusts the test service.
import { DeliveryWorker } from '../../src/lib/server/notify/deliver';

const worker = new DeliveryWorker({
	concurrency: Number(process.env.PUSH_CONCURRENCY ?? 50),
	leaseMs: process.env.PUSH_LEASE_MS ? Number(process.env.PUSH_LEASE_MS) : undefined,
	pollMs: 100,
	workerId: process.env.PUSH_WORKER_ID
});
worker.start();
console.log('push worker ready');

process.on('SIGTERM', () => {
	void worker.stop().then(() => process.exit(0));
});
