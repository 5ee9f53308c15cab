// The local push service for bench/broadcast.bench.ts, in its own process so that decrypting every
// push does not take CPU from the sender being measured. Talks to its parent over IPC.
import { PushService } from '../tests/support/push-service';

const service = await new PushService().listen();
service.decryptEvery = Number(process.env.BENCH_DECRYPT_EVERY ?? 10);
service.latencyMs = Number(process.env.BENCH_PUSH_LATENCY_MS ?? 30);
const count = Number(process.argv[2] ?? 10_000);
const devices = Array.from({ length: count }, (_, i) => service.device(`b${i}`));
process.send?.({ ready: true, ca: service.ca, devices });
process.on('message', (message: { ask?: 'accepted' | 'reset' }) => {
	const accepted = service.accepted();
	process.send?.({
		accepted: accepted.length,
		distinct: new Set(accepted.map((push) => push.deviceId)).size,
		refused: service.received.length - accepted.length
	});
	if (message.ask === 'reset') service.received.length = 0;
});
process.on('disconnect', () => void service.close().then(() => process.exit(0)));
