// Periodic work that runs inside the app process. Each job must be safe to run in several app
// instances at once (PostgreSQL deployments): claim rows, do not assume you are alone.
import { deleteExpiredSessions } from './auth/session';
import { releaseExpired, remindStartingSlots } from './pods/bookings';
import { watchPatrols } from './patrols/attendance';
import { consumeEvents, remindUpcomingShifts, startDeliveryWorker } from './notify';

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
	{ name: 'shift-reminders', everyMs: 60 * 1000, run: () => remindUpcomingShifts() }
];

let started = false;

export function startBackgroundJobs(): void {
	if (started || process.env.REDBAND_JOBS === 'off') return;
	started = true;
	// The push worker runs its own loop: woken when messages are queued, polling otherwise.
	startDeliveryWorker();
	for (const job of jobs) {
		let running = false;
		const tick = async () => {
			if (running) return;
			running = true;
			try {
				await job.run();
			} catch (error) {
				console.error(`[job ${job.name}]`, error);
			} finally {
				running = false;
			}
		};
		setInterval(() => void tick(), job.everyMs).unref();
		void tick();
	}
}
