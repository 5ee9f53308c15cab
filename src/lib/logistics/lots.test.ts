import { describe, expect, it } from 'vitest';
import {
	isExpired,
	isUseByLot,
	lotForShelfLife,
	oldestFirst,
	useByLot,
	useByOf,
	validShelfLife
} from './lots';

describe('stock lots', () => {
	it('writes a use-by time as UTC to the minute and reads it back', () => {
		const lot = useByLot(new Date('2026-12-04T06:30:59.900Z'));
		expect(lot).toBe('2026-12-04T06:30Z');
		expect(useByOf(lot)?.toISOString()).toBe('2026-12-04T06:30:00.000Z');
		expect(isUseByLot(lot)).toBe(true);
	});

	it('gives a lot received at 10:15 with a 4-hour shelf life a use-by of 14:15', () => {
		expect(lotForShelfLife(new Date('2026-12-04T10:15:00Z'), 4)).toBe('2026-12-04T14:15Z');
	});

	it('treats best-before dates and undated stock as never expiring in hours', () => {
		for (const lot of ['2026-12-04', '']) {
			expect(isUseByLot(lot)).toBe(false);
			expect(useByOf(lot)).toBeNull();
			expect(isExpired(lot, new Date('2030-01-01T00:00:00Z'))).toBe(false);
		}
	});

	it('expires a use-by lot at its minute, not before', () => {
		const lot = '2026-12-04T14:15Z';
		expect(isExpired(lot, new Date('2026-12-04T14:14:59Z'))).toBe(false);
		expect(isExpired(lot, new Date('2026-12-04T14:15:00Z'))).toBe(true);
	});

	it('sorts the oldest first and undated stock last', () => {
		const lots = ['', '2026-12-04T14:15Z', '2026-12-04T09:00Z', ''];
		expect(lots.sort(oldestFirst)).toEqual(['2026-12-04T09:00Z', '2026-12-04T14:15Z', '', '']);
	});

	it('accepts whole hours from 1 to two weeks as a shelf life', () => {
		expect([0, 1, 4.5, 336, 337, -2].map(validShelfLife)).toEqual([false, true, false, true, false, false]);
	});
});
