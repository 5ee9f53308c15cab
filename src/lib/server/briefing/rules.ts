// The briefing's definitions, as pure functions: what counts as late, as leaving early, as a gap
// between visits. Each sentence here is tested in rules.test.ts; the briefing only applies them.

const MINUTE = 60_000;

/** Started more than this after the shift began: late. */
export const LATE_AFTER_MINUTES = 5;
/** Ended (by hand) more than this before the shift's end: left early. */
export const EARLY_BEFORE_MINUTES = 5;
/** A checkpoint nobody visited for this long while its route was patrolled is a blind spot. */
export const BLIND_SPOT_MINUTES = 60;

export function median(values: readonly number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / MINUTE;

export function isLate(shiftStart: Date, startedAt: Date): boolean {
	return minutesBetween(shiftStart, startedAt) > LATE_AFTER_MINUTES;
}

/** Ended by the person before the shift's end; a patrol the server closed is not "left early". */
export function leftEarly(shiftEnd: Date, patrol: { endedAt: Date | null; autoEnded: boolean }): boolean {
	return (
		patrol.endedAt !== null &&
		!patrol.autoEnded &&
		minutesBetween(patrol.endedAt, shiftEnd) > EARLY_BEFORE_MINUTES
	);
}

export interface Window {
	from: Date;
	to: Date;
}

/** Overlapping or touching windows merged, in time order. */
export function mergeWindows(windows: readonly Window[]): Window[] {
	const sorted = [...windows]
		.filter((w) => w.to > w.from)
		.sort((a, b) => a.from.getTime() - b.from.getTime());
	const merged: Window[] = [];
	for (const window of sorted) {
		const last = merged.at(-1);
		if (last && window.from <= last.to) {
			if (window.to > last.to) last.to = window.to;
		} else merged.push({ ...window });
	}
	return merged;
}

export interface Gap {
	from: Date;
	to: Date;
	minutes: number;
}

/**
 * The longest stretch without a visit to one checkpoint while its route was patrolled: within
 * each window, from its start to the first visit, between visits, and from the last visit to the
 * window's end. Null when the route was never patrolled.
 */
export function longestGap(windows: readonly Window[], visits: readonly Date[]): Gap | null {
	let longest: Gap | null = null;
	const times = [...visits].sort((a, b) => a.getTime() - b.getTime());
	for (const window of mergeWindows(windows)) {
		const inside = times.filter((t) => t >= window.from && t <= window.to);
		const marks = [window.from, ...inside, window.to];
		for (let i = 1; i < marks.length; i++) {
			const minutes = minutesBetween(marks[i - 1], marks[i]);
			if (!longest || minutes > longest.minutes) longest = { from: marks[i - 1], to: marks[i], minutes };
		}
	}
	return longest;
}

/** The window clipped to [from, to); null when nothing of it is left. */
export function clip(window: Window, from: Date, to: Date): Window | null {
	const start = window.from > from ? window.from : from;
	const end = window.to < to ? window.to : to;
	return end > start ? { from: start, to: end } : null;
}

/** Counts per hour since `from`: `at` values outside [from, from + hours) are left out. */
export function hourly(from: Date, hours: number, at: readonly Date[]): number[] {
	const counts = Array.from({ length: hours }, () => 0);
	for (const instant of at) {
		const hour = Math.floor(minutesBetween(from, instant) / 60);
		if (hour >= 0 && hour < hours) counts[hour]++;
	}
	return counts;
}

/** How many of the windows cover some part of each hour since `from`. */
export function coverPerHour(from: Date, hours: number, windows: readonly Window[]): number[] {
	return Array.from({ length: hours }, (_, hour) => {
		const start = from.getTime() + hour * 60 * MINUTE;
		const end = start + 60 * MINUTE;
		return windows.filter((w) => w.from.getTime() < end && w.to.getTime() > start).length;
	});
}
