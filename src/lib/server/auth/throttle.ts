// Failed logins are counted per account and per network address. Counters live in the database so
// that a restart or a second app instance does not reset them.
import { db } from '../db';

const WINDOW_MS = 15 * 60 * 1000;

export const LIMITS = {
	account: { failures: 5, blockMs: 15 * 60 * 1000 },
	// Generous: a whole venue's volunteers may share one address behind the event Wi-Fi's NAT, and
	// their typos must not lock everyone out. It still stops one machine trying many accounts.
	ip: { failures: 100, blockMs: 15 * 60 * 1000 }
} as const;

export type ThrottleScope = keyof typeof LIMITS;

const keyFor = (scope: ThrottleScope, value: string) => `${scope}:${value.toLowerCase()}`;

/** Milliseconds until attempts are allowed again, or 0 when they are allowed now. */
export async function retryAfter(
	keys: { scope: ThrottleScope; value: string }[],
	now = new Date()
): Promise<number> {
	const rows = await db.loginThrottle.findMany({
		where: { key: { in: keys.map((k) => keyFor(k.scope, k.value)) } }
	});
	const waits = rows.map((row) => Math.max(0, (row.blockedUntil?.getTime() ?? 0) - now.getTime()));
	return Math.max(0, ...waits);
}

export async function recordFailure(scope: ThrottleScope, value: string, now = new Date()): Promise<void> {
	const key = keyFor(scope, value);
	const limit = LIMITS[scope];
	const row = await db.loginThrottle.findUnique({ where: { key } });
	const windowOpen = row && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
	// Increment rather than write a computed count, so concurrent failures are all counted.
	const counted = windowOpen
		? await db.loginThrottle.update({ where: { key }, data: { failures: { increment: 1 } } })
		: await db.loginThrottle.upsert({
				where: { key },
				create: { key, failures: 1, windowStart: now },
				update: { failures: 1, windowStart: now, blockedUntil: null }
			});
	if (counted.failures >= limit.failures) {
		await db.loginThrottle.update({
			where: { key },
			data: { blockedUntil: new Date(now.getTime() + limit.blockMs) }
		});
	}
}

export async function clearFailures(scope: ThrottleScope, value: string): Promise<void> {
	await db.loginThrottle.deleteMany({ where: { key: keyFor(scope, value) } });
}
