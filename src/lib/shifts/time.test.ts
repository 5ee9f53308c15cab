import { describe, expect, it } from 'vitest';
import { isOvernight, wallClockWindow } from './time';

describe('a window typed as a day and two times', () => {
	it('ends the same day when the end is after the start', () => {
		const { startsAt, endsAt } = wallClockWindow('2026-12-07', '08:00', '12:00', 'Asia/Shanghai');
		expect(startsAt.toISOString()).toBe('2026-12-07T00:00:00.000Z');
		expect(endsAt.toISOString()).toBe('2026-12-07T04:00:00.000Z');
		expect(isOvernight('08:00', '12:00')).toBe(false);
	});

	it('ends the next morning when the end is before the start', () => {
		const { startsAt, endsAt } = wallClockWindow('2026-12-07', '22:00', '06:00', 'Asia/Shanghai');
		expect(startsAt.toISOString()).toBe('2026-12-07T14:00:00.000Z');
		expect(endsAt.toISOString()).toBe('2026-12-07T22:00:00.000Z');
	});

	it('takes an end equal to the start as a full day, not an empty window', () => {
		expect(isOvernight('08:00', '08:00')).toBe(true);
		const { startsAt, endsAt } = wallClockWindow('2026-12-07', '08:00', '08:00', 'UTC');
		expect(endsAt.getTime() - startsAt.getTime()).toBe(24 * 60 * 60_000);
	});
});
