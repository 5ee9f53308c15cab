// Rate limits for the public guest pages, thought through as an attacker would use them:
// - sending help requests is what costs people's time (each one pushes to the volunteers on duty):
//   a ceiling per address and one per card, so that one photographed card cannot flood a zone
//   from many addresses (both configurable: config.ts);
// - looking up codes and links that do not exist is what enumeration looks like: misses are
//   counted per address, and an address with too many misses is refused everything for a while;
// - the cheap writes (switching language, closing one's own request) get a loose per-address cap.
// Counters are fixed windows in the database, so restarts and several app instances share them.
import { db, isUniqueViolation } from '../db';
import { guestHelpLimits } from '../config';
import { DomainError } from '../errors';

const MINUTE = 60_000;
const WINDOW_MS = 10 * MINUTE;

export function guestLimits() {
	const help = guestHelpLimits();
	return {
		helpPerAddress: { max: help.perAddress, windowMs: WINDOW_MS },
		helpPerCard: { max: help.perCard, windowMs: WINDOW_MS },
		missesPerAddress: { max: 30, windowMs: WINDOW_MS },
		writesPerAddress: { max: 120, windowMs: WINDOW_MS }
	};
}

export type GuestLimit = keyof ReturnType<typeof guestLimits>;

/** The DomainError a refused guest sees: how long to wait, in whole minutes. */
export function rateLimited(waitMs: number): DomainError {
	return new DomainError('rate_limited', {
		status: 429,
		params: { count: Math.max(1, Math.ceil(waitMs / MINUTE)) }
	});
}

async function bump(key: string, now: Date) {
	try {
		return await db.guestRateLimit.upsert({
			where: { key },
			create: { key, count: 1, windowStart: now },
			update: { count: { increment: 1 } }
		});
	} catch (caught) {
		// Two first hits at once: one created the row, the other increments it.
		if (!isUniqueViolation(caught)) throw caught;
		return db.guestRateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
	}
}

/** Counts one hit on `limit` for `subject`; throws a 429 DomainError past the limit. */
export async function hit(limit: GuestLimit, subject: string, now = new Date()): Promise<void> {
	const { max, windowMs } = guestLimits()[limit];
	const key = `${limit}:${subject}`;
	const row = await bump(key, now);
	const age = now.getTime() - row.windowStart.getTime();
	if (age >= windowMs) {
		// The window is over: this hit opens the next one. Only the writer that sees the old window
		// start resets it, so concurrent hits are not lost twice.
		await db.guestRateLimit.updateMany({
			where: { key, windowStart: row.windowStart },
			data: { count: 1, windowStart: now }
		});
		return;
	}
	if (row.count > max) throw rateLimited(windowMs - age);
}

/** Throws a 429 when `subject` is over `limit` now, without counting anything. */
export async function check(limit: GuestLimit, subject: string, now = new Date()): Promise<void> {
	const { max, windowMs } = guestLimits()[limit];
	const row = await db.guestRateLimit.findUnique({ where: { key: `${limit}:${subject}` } });
	if (!row) return;
	const age = now.getTime() - row.windowStart.getTime();
	if (age < windowMs && row.count >= max) throw rateLimited(windowMs - age);
}

/** Counters whose window ended long ago. */
export async function forgetOldCounters(now = new Date()): Promise<number> {
	const longest = Math.max(...Object.values(guestLimits()).map((limit) => limit.windowMs));
	const { count } = await db.guestRateLimit.deleteMany({
		where: { windowStart: { lt: new Date(now.getTime() - longest) } }
	});
	return count;
}
