// Attempts at a password (sign-in, the account page's current-password check) and sign-ups are
// counted per account and per network address, in the database so that a restart or a second app
// instance does not reset them.
//
// An attempt is counted BEFORE the password is checked: `reserve` takes one of the window's
// attempts with a single conditional UPDATE (`... WHERE attempts < limit`), which both SQLite and
// PostgreSQL apply atomically to the row, so 30 parallel guesses at one account take at most
// `limit` attempts and the rest are refused without reaching argon2. A success gives the
// attempt back (`release`) and forgets the account's earlier failures (`clear`).
import { db, isUniqueViolation } from '../db';
import { DomainError } from '../errors';

const WINDOW_MS = 15 * 60 * 1000;

export const LIMITS = {
	account: { failures: 5 },
	// Generous: a whole venue's volunteers may share one address behind the event Wi-Fi's NAT, and
	// their typos must not lock everyone out. It still stops one machine trying many accounts.
	ip: { failures: 100 },
	// New accounts from one address per window (a sign-up desk behind NAT included).
	signup: { failures: 30 }
} as const;

export type ThrottleScope = keyof typeof LIMITS;

export interface ThrottleKey {
	scope: ThrottleScope;
	value: string;
}

const keyFor = ({ scope, value }: ThrottleKey) => `${scope}:${value.toLowerCase()}`;

/** Takes one attempt of `key`'s window; false when the window's attempts are used up. */
async function take(key: ThrottleKey, now: Date): Promise<boolean> {
	const id = keyFor(key);
	const cutoff = new Date(now.getTime() - WINDOW_MS);
	// A window that has run out starts again (of two racing resets, the second matches nothing).
	await db.loginThrottle.updateMany({
		where: { key: id, windowStart: { lt: cutoff } },
		data: { failures: 0, windowStart: now, blockedUntil: null }
	});
	const taken = await db.loginThrottle.updateMany({
		where: { key: id, failures: { lt: LIMITS[key.scope].failures } },
		data: { failures: { increment: 1 } }
	});
	if (taken.count === 1) return true;
	const exists = await db.loginThrottle.findUnique({ where: { key: id }, select: { key: true } });
	if (exists) return false;
	try {
		await db.loginThrottle.create({ data: { key: id, failures: 0, windowStart: now } });
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
	}
	return take(key, now);
}

/** Milliseconds until `keys` allow an attempt again (the end of the fullest window). */
async function waitFor(keys: ThrottleKey[], now: Date): Promise<number> {
	const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map(keyFor) } } });
	const waits = rows.map((row) => row.windowStart.getTime() + WINDOW_MS - now.getTime());
	return Math.max(60_000, ...waits);
}

/**
 * Counts one attempt against every key, before any password is checked. Throws a 429 DomainError
 * (with the minutes to wait) when any of them is used up; the attempts taken for the others are
 * given back then.
 */
export async function reserve(keys: ThrottleKey[], now = new Date(), code = 'too_many_attempts') {
	const taken: ThrottleKey[] = [];
	for (const key of keys) {
		if (await take(key, now)) {
			taken.push(key);
			continue;
		}
		for (const done of taken) await release(done);
		const wait = await waitFor([key], now);
		throw new DomainError(code, { status: 429, params: { minutes: Math.ceil(wait / 60_000) } });
	}
}

/** Gives back one attempt (a success, which is not a guess). */
export async function release(key: ThrottleKey): Promise<void> {
	await db.loginThrottle.updateMany({
		where: { key: keyFor(key), failures: { gt: 0 } },
		data: { failures: { decrement: 1 } }
	});
}

/** Forgets every attempt of `key` (a successful sign-in forgets the account's failures). */
export async function clear(key: ThrottleKey): Promise<void> {
	await db.loginThrottle.deleteMany({ where: { key: keyFor(key) } });
}
