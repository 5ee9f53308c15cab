import { describe, expect, it } from 'vitest';
import { HOLDING, ON_SHIFT, PLACED, STARTABLE, WORKING, isOnShift, isStartable } from './status';

describe('assignment status sets', () => {
	it('count assigned and present people as on shift, nobody else', () => {
		expect([...ON_SHIFT].sort()).toEqual(['ASSIGNED', 'PRESENT']);
		expect(isOnShift('PRESENT')).toBe(true);
		expect(isOnShift('WAITLISTED')).toBe(false);
		expect(isOnShift('COMPLETED')).toBe(false);
	});

	it('let a patrol start for anyone on shift, and for a no-show who turns up late', () => {
		expect(isStartable('PRESENT')).toBe(true);
		expect(isStartable('NO_SHOW')).toBe(true);
		expect(isStartable('DROPPED')).toBe(false);
		expect(isStartable('WAITLISTED')).toBe(false);
		expect([...STARTABLE].sort()).toEqual(['ASSIGNED', 'NO_SHOW', 'PRESENT']);
	});

	it('grow from on shift: holding adds the waitlist, working adds done, placed adds no-shows', () => {
		expect([...HOLDING].sort()).toEqual(['ASSIGNED', 'PRESENT', 'WAITLISTED']);
		expect([...WORKING].sort()).toEqual(['ASSIGNED', 'COMPLETED', 'PRESENT']);
		expect([...PLACED].sort()).toEqual(['ASSIGNED', 'COMPLETED', 'NO_SHOW', 'PRESENT']);
	});
});
