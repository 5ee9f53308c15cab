import { describe, expect, it } from 'vitest';
import {
	ageAt,
	isAvailable,
	minutesByDay,
	qualificationProblem,
	scheduleProblem,
	type Qualifications,
	type RosterRules
} from './rules';

const TZ = 'Asia/Shanghai';
// Wall-clock times in Shanghai (UTC+8, no DST).
const at = (day: number, time: string) => new Date(`2026-12-0${day}T${time}:00+08:00`);
const shift = (day: number, from: string, to: string, endDay = day) => ({
	startsAt: at(day, from),
	endsAt: at(endDay, to)
});
const rules: RosterRules = { timezone: TZ, minRestMinutes: 8 * 60, maxMinutesPerDay: 10 * 60 };

describe('overlap', () => {
	it('refuses a shift that overlaps another, even by a minute', () => {
		expect(scheduleProblem(shift(1, '08:00', '12:00'), [shift(1, '11:59', '16:00')], rules)).toEqual({
			code: 'shift_overlap'
		});
		expect(scheduleProblem(shift(1, '08:00', '12:00'), [shift(1, '09:00', '10:00')], rules)?.code).toBe(
			'shift_overlap'
		);
	});

	it('treats back-to-back shifts as not overlapping (but they still need rest)', () => {
		const problem = scheduleProblem(shift(1, '08:00', '12:00'), [shift(1, '12:00', '14:00')], rules);
		expect(problem?.code).toBe('rest_too_short');
	});
});

describe('minimum rest', () => {
	it('needs the full rest before and after another shift', () => {
		const night = shift(1, '14:00', '22:00');
		expect(scheduleProblem(shift(2, '05:59', '09:00'), [night], rules)).toEqual({
			code: 'rest_too_short',
			params: { hours: 8 }
		});
		expect(scheduleProblem(shift(2, '06:00', '09:00'), [night], rules)).toBeNull();
		// Before: ends 06:01 next to a shift that starts at 14:00 (7 h 59 min of rest).
		expect(scheduleProblem(shift(1, '02:00', '06:01'), [night], rules)?.code).toBe('rest_too_short');
	});

	it('follows the operation’s own setting', () => {
		const short = { ...rules, minRestMinutes: 60 };
		expect(scheduleProblem(shift(1, '13:00', '16:00'), [shift(1, '08:00', '12:00')], short)).toBeNull();
	});
});

describe('hours per day', () => {
	it('adds the day’s shifts and refuses going over the maximum', () => {
		const generous = { ...rules, minRestMinutes: 0 };
		const morning = shift(1, '06:00', '12:00');
		expect(scheduleProblem(shift(1, '12:00', '16:00'), [morning], generous)).toBeNull();
		expect(scheduleProblem(shift(1, '12:00', '16:01'), [morning], generous)).toEqual({
			code: 'too_many_hours',
			params: { hours: 10, day: '2026-12-01' }
		});
	});

	it('splits a night shift at midnight in the operation’s timezone', () => {
		expect(minutesByDay([shift(1, '20:00', '04:00', 2)], TZ)).toEqual(
			new Map([
				['2026-12-01', 240],
				['2026-12-02', 240]
			])
		);
		const generous = { ...rules, minRestMinutes: 0 };
		// 4 h after midnight plus 7 h the next day is 11 h on the 2nd.
		expect(scheduleProblem(shift(2, '05:00', '12:00'), [shift(1, '20:00', '04:00', 2)], generous)?.code).toBe(
			'too_many_hours'
		);
	});

	it('counts days in the operation’s timezone, not UTC', () => {
		// 07:00–09:00 in Shanghai is 23:00–01:00 UTC: one local day.
		expect([...minutesByDay([shift(2, '07:00', '09:00')], TZ).keys()]).toEqual(['2026-12-02']);
		expect([...minutesByDay([shift(2, '07:00', '09:00')], 'UTC').keys()]).toEqual([
			'2026-12-01',
			'2026-12-02'
		]);
	});
});

describe('qualifications', () => {
	const person = (overrides: Partial<Qualifications> = {}): Qualifications => ({
		skills: [],
		languages: ['zh'],
		birthDate: new Date('2000-06-15'),
		...overrides
	});
	const required = { skills: [] as string[], languages: [] as string[], minAge: null as number | null };
	const start = at(1, '08:00');

	it('needs every required skill, and proof for skills that need it', () => {
		expect(qualificationProblem(person(), { ...required, skills: ['RADIO'] }, start)).toEqual({
			code: 'skill_missing',
			params: { skill: 'RADIO' }
		});
		expect(
			qualificationProblem(
				person({ skills: [{ skill: 'RADIO', verified: false }] }),
				{ ...required, skills: ['RADIO'] },
				start
			)
		).toBeNull();
		const firstAid = { ...required, skills: ['FIRST_AID'] };
		expect(
			qualificationProblem(person({ skills: [{ skill: 'FIRST_AID', verified: false }] }), firstAid, start)
		).toEqual({
			code: 'skill_unverified',
			params: { skill: 'FIRST_AID' }
		});
		expect(
			qualificationProblem(person({ skills: [{ skill: 'FIRST_AID', verified: true }] }), firstAid, start)
		).toBeNull();
	});

	it('needs every required language', () => {
		const both = { ...required, languages: ['zh', 'en'] };
		expect(qualificationProblem(person(), both, start)).toEqual({
			code: 'language_missing',
			params: { language: 'en' }
		});
		expect(qualificationProblem(person({ languages: ['en', 'zh'] }), both, start)).toBeNull();
	});

	it('checks the minimum age on the day of the shift, and needs a birth date for it', () => {
		const adults = { ...required, minAge: 18 };
		const birthday = new Date('2008-12-01');
		expect(ageAt(birthday, at(1, '08:00'))).toBe(18);
		expect(
			qualificationProblem(person({ birthDate: birthday }), adults, new Date('2026-11-30T12:00:00Z'))
		).toEqual({
			code: 'too_young',
			params: { age: 18 }
		});
		expect(
			qualificationProblem(person({ birthDate: birthday }), adults, new Date('2026-12-01T12:00:00Z'))
		).toBeNull();
		expect(qualificationProblem(person({ birthDate: null }), adults, start)?.code).toBe('birth_date_missing');
	});
});

describe('availability', () => {
	it('needs one window holding the whole shift; no windows means any time', () => {
		const window = shift(1, '08:00', '18:00');
		expect(isAvailable(shift(1, '09:00', '13:00'), [window])).toBe(true);
		expect(isAvailable(shift(1, '16:00', '20:00'), [window])).toBe(false);
		expect(isAvailable(shift(1, '16:00', '20:00'), [])).toBe(true);
	});
});
