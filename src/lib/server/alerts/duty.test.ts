import { describe, expect, it } from 'vitest';
import { distanceMeters, nearest, type OnDuty } from './duty';

const person = (
	userId: string,
	points: { lat: number; lng: number }[],
	extra: Partial<OnDuty> = {}
): OnDuty => ({
	userId,
	shiftId: 's-other',
	leaderId: null,
	zoneId: null,
	routeId: null,
	points,
	...extra
});

describe('nearest people on duty', () => {
	const here = { lat: 31.2, lng: 121.4 };
	const north = (metres: number) => ({ lat: here.lat + metres / 111_195, lng: here.lng });

	it('measures metres on the ground', () => {
		expect(distanceMeters(here, north(1000))).toBeCloseTo(1000, -1);
	});

	it('takes the closest by their last position or the nearest checkpoint of their route', () => {
		const people = [
			person('far', [north(5000)]),
			person('route', [north(3000), north(150), north(4000)]),
			person('near', [north(100)]),
			person('nowhere', [])
		];
		expect(nearest(people, { point: here, zoneId: null, shiftId: null }, 2, new Set())).toEqual([
			'near',
			'route'
		]);
		expect(nearest(people, { point: here, zoneId: null, shiftId: null }, 2, new Set(['near']))).toEqual([
			'route',
			'far'
		]);
	});

	it('without a position, prefers the same shift, then the same zone', () => {
		const people = [
			person('elsewhere', [north(10)]),
			person('zone', [], { zoneId: 'z1' }),
			person('team', [], { shiftId: 's1' })
		];
		expect(nearest(people, { point: null, zoneId: 'z1', shiftId: 's1' }, 3, new Set())).toEqual([
			'team',
			'zone',
			'elsewhere'
		]);
	});
});
