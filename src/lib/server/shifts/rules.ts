// The rostering rules, as pure functions: the same checks guard a volunteer's own sign-up, an
// organizer's assignment, a swap and the fill proposal. Each returns the first problem it finds
// (a message code and its parameters) or null.
import { needsProof } from '$lib/skills';
import { addDays, zonedDate, zonedTime } from '$lib/time';

export interface Interval {
	startsAt: Date;
	endsAt: Date;
	/** minutesByDay of this interval, when the caller has worked it out already (the fill proposal does). */
	days?: Map<string, number>;
}

/** Per operation. */
export interface RosterRules {
	minRestMinutes: number;
	maxMinutesPerDay: number;
	timezone: string;
}

export interface Requirements {
	skills: string[];
	languages: string[];
	minAge: number | null;
}

export interface Qualifications {
	/** Skill codes held; `verified` is false for a skill that needs proof nobody has checked yet. */
	skills: { skill: string; verified: boolean }[];
	languages: string[];
	birthDate: Date | null;
}

export interface Violation {
	code: string;
	params?: Record<string, string | number>;
}

const MINUTE = 60_000;

export const minutesOf = (interval: Interval) =>
	Math.round((interval.endsAt.getTime() - interval.startsAt.getTime()) / MINUTE);

export const overlaps = (a: Interval, b: Interval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** Whole years between a birth date and a moment (a birthday counts on the day itself). */
export function ageAt(birthDate: Date, at: Date): number {
	let age = at.getUTCFullYear() - birthDate.getUTCFullYear();
	const beforeBirthday =
		at.getUTCMonth() < birthDate.getUTCMonth() ||
		(at.getUTCMonth() === birthDate.getUTCMonth() && at.getUTCDate() < birthDate.getUTCDate());
	if (beforeBirthday) age--;
	return age;
}

export function qualificationProblem(
	person: Qualifications,
	required: Requirements,
	startsAt: Date
): Violation | null {
	for (const skill of required.skills) {
		const held = person.skills.find((s) => s.skill === skill);
		if (!held) return { code: 'skill_missing', params: { skill } };
		if (needsProof(skill) && !held.verified) return { code: 'skill_unverified', params: { skill } };
	}
	for (const language of required.languages) {
		if (!person.languages.includes(language)) return { code: 'language_missing', params: { language } };
	}
	if (required.minAge) {
		if (!person.birthDate) return { code: 'birth_date_missing', params: { age: required.minAge } };
		if (ageAt(person.birthDate, startsAt) < required.minAge) {
			return { code: 'too_young', params: { age: required.minAge } };
		}
	}
	return null;
}

/**
 * Minutes of work per calendar day in the operation's timezone; a night shift counts on both
 * days it touches, each for its own part.
 */
export function minutesByDay(intervals: Interval[], timezone: string): Map<string, number> {
	const days = new Map<string, number>();
	for (const interval of intervals) {
		let day = zonedDate(interval.startsAt, timezone);
		let from = interval.startsAt.getTime();
		const end = interval.endsAt.getTime();
		while (from < end) {
			const midnight = zonedTime(addDays(day, 1), '00:00', timezone).getTime();
			const until = Math.min(end, midnight);
			days.set(day, (days.get(day) ?? 0) + Math.round((until - from) / MINUTE));
			from = until;
			day = addDays(day, 1);
		}
	}
	return days;
}

/**
 * Whether `shift` fits a person's other shifts: no overlap, at least the minimum rest between
 * any two, and no day over the maximum hours.
 */
export function scheduleProblem(shift: Interval, others: Interval[], rules: RosterRules): Violation | null {
	const rest = rules.minRestMinutes * MINUTE;
	for (const other of others) {
		if (overlaps(shift, other)) return { code: 'shift_overlap' };
	}
	for (const other of others) {
		const gap =
			other.endsAt <= shift.startsAt
				? shift.startsAt.getTime() - other.endsAt.getTime()
				: other.startsAt.getTime() - shift.endsAt.getTime();
		if (gap < rest) return { code: 'rest_too_short', params: { hours: round1(rules.minRestMinutes / 60) } };
	}
	for (const [day, minutes] of daysOf(shift, rules.timezone)) {
		let total = minutes;
		for (const other of others) total += daysOf(other, rules.timezone).get(day) ?? 0;
		if (total > rules.maxMinutesPerDay) {
			return { code: 'too_many_hours', params: { hours: round1(rules.maxMinutesPerDay / 60), day } };
		}
	}
	return null;
}

/** With no windows given a person is taken to be free at any time; otherwise one window must hold the whole shift. */
export function isAvailable(shift: Interval, windows: Interval[]): boolean {
	return (
		windows.length === 0 || windows.some((w) => w.startsAt <= shift.startsAt && w.endsAt >= shift.endsAt)
	);
}

const daysOf = (interval: Interval, timezone: string) => interval.days ?? minutesByDay([interval], timezone);

const round1 = (value: number) => Math.round(value * 10) / 10;
