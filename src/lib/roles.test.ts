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
		expect(organizer).toEqual(
			expect.arrayContaining(['/organizer', '/organizer/volunteers', '/organizer/shifts', '/logistics'])
		);
		expect(volunteer).toEqual(['/home', '/shifts', '/patrol', '/guests', '/supplies']);
		// The bottom bar holds five at most.
		for (const role of ['VOLUNTEER', 'LOGISTICS', 'ORGANIZER', 'ADMIN'] as const) {
			expect(navigationFor(role).length, role).toBeLessThanOrEqual(5);
		}
	});

	it('marks the most specific nav item as current', () => {
		const nav = navigationFor('ORGANIZER');
		expect(activeHref('/organizer/volunteers/abc', nav)).toBe('/organizer/volunteers');
		expect(activeHref('/organizer', nav)).toBe('/organizer');
		expect(activeHref('/organizers-club', nav)).toBeUndefined();
	});
});
