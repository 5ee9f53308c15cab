// Times are stored in UTC and shown in the operation's timezone, whatever the phone's own zone,
// on a 24-hour clock as rosters are.

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per kind, locale and timezone: making one costs some 50 times more than
 * using it, and the rules (minutes per day), rosters and messages format thousands of times.
 */
function dateFormat(
	kind: string,
	locale: string,
	timeZone: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${kind}|${locale}|${timeZone}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
		if (formats.size >= 500) formats.clear();
		formats.set(key, format);
	}
	return format;
}

/** The UTC offset of `timeZone` at `instant`, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(instant: Date, timeZone: string): number {
	const parts = dateFormat('offset', 'en-US', timeZone, {
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which clocks in `timeZone` read `date` ("2026-12-01") and `time` ("08:30").
 * In a DST overlap the earlier instant wins; a time in a DST gap moves forward by the gap.
 */
export function zonedTime(date: string, time: string, timeZone: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const candidates = [wall - offsetMinutes(new Date(wall), timeZone) * 60_000];
	candidates.push(wall - offsetMinutes(new Date(candidates[0]), timeZone) * 60_000);
	const exact = candidates.filter((t) => t + offsetMinutes(new Date(t), timeZone) * 60_000 === wall);
	// Both exact: the clock reads that time twice (autumn). Neither: it never does (spring), and
	// the time is read with the offset from before the jump, as calendars do.
	return new Date(exact.length ? Math.min(...exact) : Math.max(...candidates));
}

/** The calendar date ("2026-12-01") that `instant` falls on in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
	return dateFormat('date', 'en-CA', timeZone, {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(instant);
}

export function addDays(date: string, days: number): string {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function formatDateTime(instant: Date, timeZone: string, locale: string): string {
	return dateFormat('datetime', locale, timeZone, {
		weekday: 'short',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(instant);
}

export function formatTime(instant: Date, timeZone: string, locale: string): string {
	return dateFormat('time', locale, timeZone, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(instant);
}

export function formatDay(instant: Date, timeZone: string, locale: string): string {
	return dateFormat('day', locale, timeZone, { weekday: 'long', month: 'long', day: 'numeric' }).format(
		instant
	);
}

/** A calendar date ("2026-12-01") as a short label ("Tue, Dec 1"), whatever the reader's timezone. */
export function dayLabel(date: string, locale: string): string {
	return dateFormat('label', locale, 'UTC', {
		weekday: 'short',
		month: 'short',
		day: 'numeric'
	}).format(new Date(`${date}T12:00:00Z`));
}
