import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { reportDay } from './report-day';

const at = (day: string) => new URL(`http://x/logistics/report?day=${day}`);

function refusal(day: string) {
	try {
		reportDay(at(day), 'Asia/Shanghai');
	} catch (caught) {
		return isHttpError(caught) ? caught.status : 'other';
	}
	return 'accepted';
}

describe('the daily report day', () => {
	it('takes a real calendar date and defaults to today in the operation’s timezone', () => {
		expect(reportDay(at('2026-12-01'), 'Asia/Shanghai')).toBe('2026-12-01');
		expect(reportDay(new URL('http://x/logistics/report'), 'Asia/Shanghai')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('answers 400 for dates that do not exist or are absurdly far out', () => {
		for (const day of ['2026-02-30', '9999-12-31', '1999-01-01', 'tomorrow', '2026-1-1']) {
			expect(refusal(day), day).toBe(400);
		}
	});
});
