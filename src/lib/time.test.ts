import { describe, expect, it } from 'vitest';
import { addDays, offsetMinutes, zonedDate, zonedTime } from './time';

describe('operation time zones', () => {
	it('turns a wall-clock time into UTC', () => {
		expect(zonedTime('2026-12-01', '08:30', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T00:30:00.000Z');
		expect(zonedTime('2026-07-01', '08:30', 'Europe/London').toISOString()).toBe('2026-07-01T07:30:00.000Z');
		expect(zonedTime('2026-12-01', '08:30', 'Europe/London').toISOString()).toBe('2026-12-01T08:30:00.000Z');
	});

	it('handles daylight-saving gaps and overlaps', () => {
		// 02:30 does not exist on 8 March 2026 in New York; clocks jump from 02:00 to 03:00.
		expect(zonedTime('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
			'2026-03-08T07:30:00.000Z'
		);
		// 01:30 happens twice on 1 November 2026; the first one is taken.
		expect(zonedTime('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
			'2026-11-01T05:30:00.000Z'
		);
	});

	it('reads offsets and dates in a zone', () => {
		const instant = new Date('2026-12-01T20:00:00Z');
		expect(offsetMinutes(instant, 'Asia/Shanghai')).toBe(480);
		expect(offsetMinutes(instant, 'America/Los_Angeles')).toBe(-480);
		expect(zonedDate(instant, 'Asia/Shanghai')).toBe('2026-12-02');
		expect(zonedDate(instant, 'UTC')).toBe('2026-12-01');
	});

	it('adds days across month and year ends', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});
