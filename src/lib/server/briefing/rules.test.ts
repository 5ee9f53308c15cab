import { describe, expect, it } from 'vitest';
import { clip, coverPerHour, hourly, isLate, leftEarly, longestGap, median, mergeWindows } from './rules';

const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);

describe('the briefing’s rules', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([])).toBeNull();
		expect(median([7, 1, 4])).toBe(4);
		expect(median([10, 2, 4, 8])).toBe(6);
	});

	it('calls a start more than five minutes after the shift began late', () => {
		expect(isLate(at('08:00'), at('08:05'))).toBe(false);
		expect(isLate(at('08:00'), at('08:06'))).toBe(true);
	});

	it('calls an end by hand more than five minutes before the shift’s end leaving early, never an automatic end', () => {
		expect(leftEarly(at('12:00'), { endedAt: at('11:50'), autoEnded: false })).toBe(true);
		expect(leftEarly(at('12:00'), { endedAt: at('11:56'), autoEnded: false })).toBe(false);
		expect(leftEarly(at('12:00'), { endedAt: at('11:00'), autoEnded: true })).toBe(false);
		expect(leftEarly(at('12:00'), { endedAt: null, autoEnded: false })).toBe(false);
	});

	it('merges overlapping and touching windows', () => {
		const merged = mergeWindows([
			{ from: at('10:00'), to: at('12:00') },
			{ from: at('08:00'), to: at('10:00') },
			{ from: at('13:00'), to: at('14:00') },
			{ from: at('11:00'), to: at('11:30') }
		]);
		expect(merged.map((w) => [w.from.toISOString().slice(11, 16), w.to.toISOString().slice(11, 16)])).toEqual(
			[
				['08:00', '12:00'],
				['13:00', '14:00']
			]
		);
	});

	it('finds the longest stretch without a visit, counting from the window’s start and to its end', () => {
		const windows = [{ from: at('08:00'), to: at('12:00') }];
		// Visits at 08:30, 09:00 and 10:45: stretches of 30, 30, 105 and 75 minutes.
		expect(longestGap(windows, [at('09:00'), at('08:30'), at('10:45')])).toEqual({
			from: at('09:00'),
			to: at('10:45'),
			minutes: 105
		});
		// Visits at 08:40 and 09:30: stretches of 40, 50 and 150 minutes; the last is the longest.
		expect(longestGap(windows, [at('09:30'), at('08:40')])?.from).toEqual(at('09:30'));
		expect(longestGap(windows, [])?.minutes).toBe(240);
		// A visit outside the patrolled window does not shorten a gap inside it.
		expect(longestGap(windows, [at('07:00'), at('11:59')])?.minutes).toBe(239);
		expect(longestGap([], [at('09:00')])).toBeNull();
	});

	it('clips a window to a period', () => {
		expect(clip({ from: at('22:00'), to: at('23:30') }, at('00:00'), at('23:00'))).toEqual({
			from: at('22:00'),
			to: at('23:00')
		});
		expect(clip({ from: at('01:00'), to: at('02:00') }, at('03:00'), at('04:00'))).toBeNull();
	});

	it('counts events per hour and windows covering each hour', () => {
		expect(hourly(at('08:00'), 3, [at('08:00'), at('08:59'), at('10:10'), at('11:00'), at('07:59')])).toEqual(
			[2, 0, 1]
		);
		expect(
			coverPerHour(at('08:00'), 3, [
				{ from: at('08:30'), to: at('09:00') },
				{ from: at('08:00'), to: at('11:00') }
			])
		).toEqual([2, 1, 1]);
	});
});
