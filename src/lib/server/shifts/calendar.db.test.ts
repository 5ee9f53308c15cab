import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser } from '$test/factories';
import { calendarFeed, calendarToken, icalText } from './calendar';

describe('iCal text', () => {
	it('escapes every line break, bare CR included, and drops other control characters', () => {
		expect(icalText('a\rb\r\nc\nd;e,f\\g\u0001h\u2028i')).toBe('a\\nb\\nc\\nd\\;e\\,f\\\\gh\\ni');
	});
});

describe(`the calendar feed on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('cannot be given properties by text typed into a shift', async () => {
		const operation = await makeOperation({ name: 'Harbour\rX-INJECTED:operation' });
		const volunteer = await makeUser({ name: 'Wang\rX-INJECTED:name' });
		const shift = await makeShift(operation.id);
		await db.shift.update({
			where: { id: shift.id },
			data: { instructions: 'Meet at gate 2.\rATTENDEE:mailto:evil@example.org\r\nX-INJECTED:1\n' }
		});
		await assign(shift.id, volunteer.id);
		const feed = (await calendarFeed(await calendarToken(volunteer.id), 'https://redband.example'))!;
		// Every line ends in CRLF; no CR or LF stands alone.
		expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = feed.split('\r\n');
		expect(lines.filter((line) => /^(X-INJECTED|ATTENDEE)/.test(line))).toEqual([]);
		expect(feed.replace(/\r\n /g, '')).toContain(
			'Meet at gate 2.\\nATTENDEE:mailto:evil@example.org\\nX-INJECTED:1\\n'
		);
	});
});
