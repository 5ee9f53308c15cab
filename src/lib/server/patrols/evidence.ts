// Presence evidence: what makes a check-in doubtful. Pure rules, no I/O: check-ins.ts gathers
// the facts (the check-in, the one before it in time, those that arrived just before it) and
// stores what these return. Each flag carries what its plain-language reason needs
// ("faster than walking: 42 km/h"), so the board, the history and the report explain it.
//
// A flagged check-in is kept and shown, never dropped, and it does not count as a visit (time
// since last visit, blind spots) until a leader dismisses the flag.
import { distanceMetres, type LatLng } from '$lib/geo';
import { isClockOff } from './times';

export const FLAG_CODES = [
	'too_fast',
	'burst',
	'before_start',
	'late_sync',
	'clock_off',
	'no_position',
	'far',
	'withdrawn_poster'
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface Flag {
	code: FlagCode;
	/** Speed from the checkpoint before, and the limit of the route's way of travel (too_fast). */
	kmh?: number;
	limit?: number;
	/** How far from the checkpoint (far). */
	metres?: number;
	/** Minutes: before the start, between happening and arriving, the phone clock's error. */
	minutes?: number;
	/** Check-ins that arrived together (burst). */
	count?: number;
}

/** Fastest believable speeds between checkpoints, with room for a brisk pace (km/h). */
export const SPEED_LIMIT_KMH = { WALK: 8, CYCLE: 30 } as const;
/** Shorter hops than this are not judged by speed (GPS and checkpoint placement are not exact). */
export const SPEED_MIN_METRES = 60;
/** Check-ins arriving within this many seconds of each other arrived "together". */
export const BURST_SECONDS = 15;
/** A check-in arriving this long after it happened (by the phone's clock) is flagged. */
export const LATE_SYNC_MINUTES = 30;
/** A check-in this long before the patrol's start is flagged. */
export const BEFORE_START_MINUTES = 2;

const MINUTE = 60_000;

export interface CheckInFacts {
	happenedAt: Date;
	receivedAt: Date;
	clockOffsetSeconds: number;
	checkpoint: LatLng;
	position: (LatLng & { accuracy?: number | null }) | null;
	distanceMetres: number | null;
	far: boolean;
	patrolStartedAt: Date;
	travel: keyof typeof SPEED_LIMIT_KMH;
	requirePosition: boolean;
}

export interface EarlierCheckIn {
	id: string;
	happenedAt: Date;
	receivedAt: Date;
	/** Where the checkpoint of that check-in is (null when it was deleted since). */
	checkpoint: LatLng | null;
}

/** Speed in km/h between two check-ins at two places; Infinity for no time at all. */
export function speedKmh(metres: number, ms: number): number {
	if (ms <= 0) return Infinity;
	return metres / 1000 / (ms / (60 * MINUTE));
}

/**
 * The check-ins that arrived together with this one (within seconds) although the phone says
 * they happened minutes apart: a dead zone's queue, or check-ins made up and sent from somewhere
 * else. Either way a leader should look.
 */
export function together<T extends EarlierCheckIn>(
	facts: Pick<CheckInFacts, 'happenedAt' | 'receivedAt'>,
	arrived: readonly T[]
): T[] {
	return arrived.filter((other) => {
		const apart = Math.abs(facts.receivedAt.getTime() - other.receivedAt.getTime());
		return (
			apart <= BURST_SECONDS * 1000 &&
			Math.abs(facts.happenedAt.getTime() - other.happenedAt.getTime()) > apart + MINUTE
		);
	});
}

/**
 * The flags of one check-in. `before` is the check-in that happened just before it on the same
 * patrol (in time, whenever it arrived); `arrived` are the patrol's check-ins that arrived
 * shortly before this one.
 */
export function presenceFlags(
	facts: CheckInFacts,
	before: EarlierCheckIn | null,
	arrived: readonly EarlierCheckIn[]
): Flag[] {
	const flags: Flag[] = [];

	if (before?.checkpoint) {
		const metres = distanceMetres(before.checkpoint, facts.checkpoint);
		const kmh = speedKmh(metres, facts.happenedAt.getTime() - before.happenedAt.getTime());
		const limit = SPEED_LIMIT_KMH[facts.travel];
		if (metres >= SPEED_MIN_METRES && kmh > limit) {
			flags.push({ code: 'too_fast', kmh: Number.isFinite(kmh) ? Math.round(kmh) : 999, limit });
		}
	}

	const partners = together(facts, arrived);
	if (partners.length) flags.push({ code: 'burst', count: partners.length + 1 });

	const early = facts.patrolStartedAt.getTime() - facts.happenedAt.getTime();
	if (early > BEFORE_START_MINUTES * MINUTE) {
		flags.push({ code: 'before_start', minutes: Math.round(early / MINUTE) });
	}

	const delay = facts.receivedAt.getTime() - facts.happenedAt.getTime();
	if (delay > LATE_SYNC_MINUTES * MINUTE)
		flags.push({ code: 'late_sync', minutes: Math.round(delay / MINUTE) });

	if (isClockOff(facts.clockOffsetSeconds)) {
		flags.push({
			code: 'clock_off',
			minutes: Math.max(1, Math.round(Math.abs(facts.clockOffsetSeconds) / 60))
		});
	}

	if (facts.requirePosition && !facts.position) flags.push({ code: 'no_position' });

	if (facts.far && facts.distanceMetres !== null) flags.push({ code: 'far', metres: facts.distanceMetres });

	return flags;
}

/** The flags stored on a check-in, read back (unknown codes from a newer version are kept out). */
export function readFlags(json: string): Flag[] {
	try {
		const flags = JSON.parse(json) as Flag[];
		return Array.isArray(flags)
			? flags.filter((f) => (FLAG_CODES as readonly string[]).includes(f.code))
			: [];
	} catch {
		return [];
	}
}

/** A flag added to stored ones (a burst found when the next check-in arrived), once per code. */
export function withFlag(flags: Flag[], flag: Flag): Flag[] {
	return [...flags.filter((f) => f.code !== flag.code), flag];
}
