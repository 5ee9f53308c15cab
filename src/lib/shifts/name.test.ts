import { describe, expect, it } from 'vitest';
import { shiftName } from './name';

describe('a shift’s name', () => {
	it('is its own title when it has one', () => {
		expect(shiftName({ title: 'Night watch', route: { name: 'North Loop' } })).toBe('Night watch');
		expect(shiftName({ title: 'Gate crew', post: { name: 'North Gate' } })).toBe('Gate crew');
	});

	it('is its route or its post otherwise', () => {
		expect(shiftName({ title: null, route: { name: 'North Loop' }, post: null })).toBe('North Loop');
		expect(shiftName({ title: '', route: null, post: { name: 'North Gate' } })).toBe('North Gate');
	});

	it('falls back to what the caller says when it has nothing', () => {
		expect(shiftName({ title: null, route: null, post: null })).toBe('');
		expect(shiftName({}, 'A shift')).toBe('A shift');
	});
});
