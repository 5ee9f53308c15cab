import { describe, expect, it } from 'vitest';
import { activeHref, navigationFor } from './navigation';
import { canEnter, homeFor } from './roles';

describe('areas and roles', () => {
	it('lets each role into its areas only', () => {
		expect(canEnter('VOLUNTEER', 'volunteer')).toBe(true);
		expect(canEnter('VOLUNTEER', 'logistics')).toBe(false);
		expect(canEnter('VOLUNTEER', 'organizer')).toBe(false);
		expect(canEnter('LOGISTICS', 'logistics')).toBe(true);
		expect(canEnter('LOGISTICS', 'organizer')).toBe(false);
		expect(canEnter('ORGANIZER', 'logistics')).toBe(true);
		expect(canEnter('ORGANIZER', 'admin')).toBe(false);
		expect(canEnter('ADMIN', 'admin')).toBe(true);
	});

	it('sends each role to its own home', () => {
		expect(homeFor('VOLUNTEER')).toBe('/home');
		expect(homeFor('LOGISTICS')).toBe('/logistics');
		expect(homeFor('ORGANIZER')).toBe('/organizer');
		expect(homeFor('ADMIN')).toBe('/organizer');
	});

	it('shows navigation only for places the role may enter', () => {
		const volunteer = navigationFor('VOLUNTEER').map((item) => item.href);
		expect(volunteer).toContain('/home');
		expect(volunteer.some((href) => href.startsWith('/organizer') || href.startsWith('/logistics'))).toBe(
			false
		);
		const organizer = navigationFor('ORGANIZER').map((item) => item.href);
		expect(organizer).toEqual(expect.arrayContaining(['/organizer', '/organizer/approvals', '/logistics']));
	});

	it('marks the most specific nav item as current', () => {
		const nav = navigationFor('ORGANIZER');
		expect(activeHref('/organizer/approvals', nav)).toBe('/organizer/approvals');
		expect(activeHref('/organizer', nav)).toBe('/organizer');
		expect(activeHref('/organizers-club', nav)).toBeUndefined();
	});
});
