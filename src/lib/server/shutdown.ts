// A clean stop on SIGTERM or SIGINT (Ctrl-C, a supervisor's restart, a deploy): the server stops
// accepting connections and finishes the requests in flight (adapter-node does both, then emits
// `sveltekit:shutdown`); live streams, which never finish by themselves, are ended at once so
// that they do not hold the server open; then the background jobs stop, the push worker gives back
// its leases, the database closes and the process exits 0. Everything is bounded: a process that
// has not finished in HARD_LIMIT_MS exits anyway (1), well inside a supervisor's kill timeout.
import { db } from './db';
import { stopBackgroundJobs } from './jobs';
import { closeLiveBus } from './live/bus';
import { closeAllStreams } from './live/streams';

const HARD_LIMIT_MS = 9_000;

let stopping = false;

function beginShutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: finishing requests in flight, then stopping.`);
	closeAllStreams();
	setTimeout(() => {
		console.error('Shutdown took too long: exiting anyway.');
		process.exit(1);
	}, HARD_LIMIT_MS).unref();
}

async function finish() {
	try {
		await stopBackgroundJobs();
		await closeLiveBus();
		await db.$disconnect();
	} catch (error) {
		console.error('Error while shutting down', error);
		process.exit(1);
	}
	process.exit(0);
}

let installed = false;

/** Called once from hooks.server.ts's init. */
export function installShutdown(): void {
	if (installed) return;
	installed = true;
	process.once('SIGTERM', () => beginShutdown('SIGTERM'));
	process.once('SIGINT', () => beginShutdown('SIGINT'));
	// adapter-node emits this once the HTTP server has closed (every request answered).
	process.once('sveltekit:shutdown' as 'exit', () => void finish());
}
