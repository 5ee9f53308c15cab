import { describe, expect, it } from 'vitest';
import { activeHref, navigationFor } from './navigation';

describe('the navigation item lit for a page', () => {
	const organizer = navigationFor('ORGANIZER');

	it('is the section the page is in', () => {
		expect(activeHref('/organizer/shifts/new', organizer)).toBe('/organizer/shifts');
		expect(activeHref('/organizer/patrols/reports', organizer)).toBe('/organizer/patrols');
		expect(activeHref('/logistics/stock', organizer)).toBe('/logistics');
	});

	it('is the overview on the overview only, not on every organizer page', () => {
		expect(activeHref('/organizer', organizer)).toBe('/organizer');
		expect(activeHref('/organizer/broadcasts', organizer)).toBeUndefined();
		expect(activeHref('/organizer/meals', organizer)).toBeUndefined();
		expect(activeHref('/organizer/briefing', organizer)).toBeUndefined();
	});
});
