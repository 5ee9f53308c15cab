import { describe, expect, it } from 'vitest';
import { presenceFlags, type CheckInFacts, type EarlierCheckIn } from './evidence';

const MINUTE = 60_000;
const T = new Date('2026-12-05T12:00:00Z').getTime();
const at = (minutes: number) => new Date(T + minutes * MINUTE);
const here = { lat: 31.2, lng: 121.47 };
// About 1.1 km north.
const north = { lat: 31.21, lng: 121.47 };

const facts = (over: Partial<CheckInFacts> = {}): CheckInFacts => ({
	happenedAt: at(0),
	receivedAt: at(0),
	clockOffsetSeconds: 0,
	checkpoint: north,
	position: { ...north, accuracy: 10 },
	distanceMetres: 5,
	far: false,
	patrolStartedAt: at(-60),
	travel: 'WALK',
	requirePosition: true,
	...over
});
const earlier = (minutes: number, receivedMinutes = minutes, checkpoint = here): EarlierCheckIn => ({
	id: `c${minutes}`,
	happenedAt: at(minutes),
	receivedAt: at(receivedMinutes),
	checkpoint
});
const codes = (f: ReturnType<typeof presenceFlags>) => f.map((flag) => flag.code);

describe('presence flags', () => {
	it('accepts a walk at a walking pace, sent as it happened, with a position near the checkpoint', () => {
		expect(presenceFlags(facts(), earlier(-15), [earlier(-15)])).toEqual([]);
	});

	it('flags a check-in faster than walking from the checkpoint before, with the speed', () => {
		expect(presenceFlags(facts(), earlier(-2), [])).toEqual([{ code: 'too_fast', kmh: 33, limit: 8 }]);
	});

	it('allows that speed on a route covered by bicycle, but not a car’s', () => {
		expect(presenceFlags(facts({ travel: 'CYCLE' }), earlier(-3), [])).toEqual([]);
		expect(codes(presenceFlags(facts({ travel: 'CYCLE' }), earlier(-1), []))).toEqual(['too_fast']);
	});

	it('flags check-ins that arrived together though the phone says they happened minutes apart', () => {
		const partner = earlier(-9, 0, north);
		expect(presenceFlags(facts(), null, [partner])).toEqual([{ code: 'burst', count: 2 }]);
		// Sent one after the other as they happened: no burst.
		expect(presenceFlags(facts(), null, [earlier(-9, -9, north)])).toEqual([]);
	});

	it('flags a phone time before the patrol began, long before arrival, or a wrong phone clock', () => {
		expect(presenceFlags(facts({ patrolStartedAt: at(10) }), null, [])).toEqual([
			{ code: 'before_start', minutes: 10 }
		]);
		expect(presenceFlags(facts({ receivedAt: at(45) }), null, [])).toEqual([
			{ code: 'late_sync', minutes: 45 }
		]);
		expect(presenceFlags(facts({ clockOffsetSeconds: -720 }), null, [])).toEqual([
			{ code: 'clock_off', minutes: 12 }
		]);
	});

	it('flags no position where the route requires one, and a position far from the checkpoint', () => {
		expect(presenceFlags(facts({ position: null }), null, [])).toEqual([{ code: 'no_position' }]);
		expect(presenceFlags(facts({ position: null, requirePosition: false }), null, [])).toEqual([]);
		expect(presenceFlags(facts({ far: true, distanceMetres: 640 }), null, [])).toEqual([
			{ code: 'far', metres: 640 }
		]);
	});
});
