// Periodic work that runs inside the app process. Each job must be safe to run in several app
// instances at once (PostgreSQL deployments): claim rows, do not assume you are alone.
import { deleteExpiredSessions } from './auth/session';
import { releaseExpired, remindStartingSlots } from './pods/bookings';
import { watchPatrols } from './patrols/attendance';
import { consumeEvents, remindUpcomingShifts, startDeliveryWorker } from './notify';
import { runBroadcastFollowUps } from './notify/follow-up';
import { sendDueSms } from './notify/sms';
import { advanceEscalations } from './alerts/escalation';
import type { DeliveryWorker } from './notify/deliver';
import { checkWelfare } from './alerts/welfare';
import { closeExpiredRequests, purgeClosedRequests } from './guests/help';
import { forgetOldCounters } from './guests/limits';

interface Job {
	name: string;
	everyMs: number;
	run: () => Promise<unknown>;
}

const jobs: Job[] = [
	{ name: 'expired-sessions', everyMs: 60 * 60 * 1000, run: () => deleteExpiredSessions() },
	// Pod slots are 20 minutes with a 5-minute grace period: check often enough to matter.
	{
		name: 'pod-bookings',
		everyMs: 30 * 1000,
		run: async () => [await releaseExpired(), await remindStartingSlots()]
	},
	// Overdue patrols, missing people, no-shows and forgotten patrols (patrols/attendance.ts).
	{ name: 'patrol-watch', everyMs: 30 * 1000, run: () => watchPatrols() },
	// Domain events become inbox messages and pushes within seconds (notify/from-events.ts).
	{ name: 'notify-events', everyMs: 3 * 1000, run: () => consumeEvents() },
	{ name: 'shift-reminders', everyMs: 60 * 1000, run: () => remindUpcomingShifts() },
	// Broadcasts that must be acknowledged: resend, then tell the shift leaders (notify/follow-up.ts).
	{ name: 'broadcast-follow-ups', everyMs: 5 * 1000, run: () => runBroadcastFollowUps() },
	// SOS and welfare checks climb their ladder (alerts/escalation.ts): rows with due times.
	{ name: 'escalations', everyMs: 2 * 1000, run: () => advanceEscalations() },
	// Quiet patrols are asked "Are you OK?" (alerts/welfare.ts).
	{ name: 'welfare-checks', everyMs: 30 * 1000, run: () => checkWelfare() },
	// Texts through the SMS gateway, when one is configured (notify/sms.ts).
	{ name: 'sms', everyMs: 3 * 1000, run: () => sendDueSms() },
	// Guests' requests nobody closed close by themselves; spent rate-limit windows are forgotten.
	{
		name: 'guest-help',
		everyMs: 60 * 1000,
		run: async () => [await closeExpiredRequests(), await forgetOldCounters()]
	},
	// Closed guest requests past their retention period go, photos and all (guests/help.ts).
	{ name: 'guest-retention', everyMs: 60 * 60 * 1000, run: () => purgeClosedRequests() }
];

let started = false;
let stopping = false;
const timers: ReturnType<typeof setInterval>[] = [];
const inFlight = new Set<Promise<void>>();
let worker: DeliveryWorker | null = null;

export function startBackgroundJobs(): void {
	if (started || process.env.REDBAND_JOBS === 'off') return;
	started = true;
	// The push worker runs its own loop: woken when messages are queued, polling otherwise.
	worker = startDeliveryWorker();
	for (const job of jobs) {
		let running = false;
		const tick = async () => {
			if (running || stopping) return;
			running = true;
			try {
				await job.run();
			} catch (error) {
				console.error(`[job ${job.name}]`, error);
			} finally {
				running = false;
			}
		};
		const run = () => {
			const done = tick();
			inFlight.add(done);
			void done.finally(() => inFlight.delete(done));
		};
		timers.push(setInterval(run, job.everyMs));
		timers[timers.length - 1].unref();
		run();
	}
}

/**
 * Stops the jobs for a clean exit: no new runs, the running ones finish (at most `withinMs`),
 * the push worker stops and gives back the deliveries it had leased, so another instance (or
 * this one after a restart) sends them at once instead of after the lease runs out.
 */
export async function stopBackgroundJobs(withinMs = 5_000): Promise<void> {
	stopping = true;
	for (const timer of timers.splice(0)) clearInterval(timer);
	const deadline = new Promise<void>((resolve) => setTimeout(resolve, withinMs).unref());
	await Promise.race([Promise.allSettled([...inFlight, worker?.stop()]), deadline]);
	await worker?.releaseLeases();
	worker = null;
	started = false;
}
