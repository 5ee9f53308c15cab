// The escalation job alone, as its own process (npx tsx tests/support/escalation-worker.ts), for
// the restart test: DATABASE_URL says where. Advances due escalations every 100 ms, like the app's
// job does every 2 s.
import { advanceEscalations } from '../../src/lib/server/alerts/escalation';

let stopping = false;
console.log('escalation worker ready');
process.on('SIGTERM', () => (stopping = true));
while (!stopping) {
	try {
		await advanceEscalations();
	} catch (error) {
		console.error('[escalation worker]', error);
	}
	await new Promise((resolve) => setTimeout(resolve, 100));
}
process.exit(0);
