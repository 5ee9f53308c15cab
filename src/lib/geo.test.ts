import { describe, expect, it } from 'vitest';
import { distanceMetres } from './geo';

describe('distanceMetres', () => {
	it('is zero for the same point and symmetric', () => {
		const a = { lat: 31.1915, lng: 121.3003 };
		const b = { lat: 31.1935, lng: 121.3013 };
		expect(distanceMetres(a, a)).toBe(0);
		expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
	});

	it('measures a known distance: 0.001° of latitude is about 111 m', () => {
		expect(distanceMetres({ lat: 31, lng: 121 }, { lat: 31.001, lng: 121 })).toBeCloseTo(111.2, 0);
		// A degree of longitude shrinks with the cosine of the latitude.
		expect(distanceMetres({ lat: 60, lng: 10 }, { lat: 60, lng: 10.002 })).toBeCloseTo(111.2, 0);
	});
});
