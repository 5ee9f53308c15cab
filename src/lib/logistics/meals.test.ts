import { describe, expect, it } from 'vitest';
import { mealProgress } from './meals';

describe('where a shift’s meals stand', () => {
	it('is "nobody" for a shift with nobody on it, not "everyone has eaten"', () => {
		expect(mealProgress({ served: 0, entitled: 0 })).toBe('nobody');
	});

	it('is waiting until everyone on the shift is served, then done', () => {
		expect(mealProgress({ served: 0, entitled: 3 })).toBe('waiting');
		expect(mealProgress({ served: 2, entitled: 3 })).toBe('waiting');
		expect(mealProgress({ served: 3, entitled: 3 })).toBe('done');
	});
});
