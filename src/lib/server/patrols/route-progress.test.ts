import { describe, expect, it } from 'vitest';
import { expectedNext } from '$lib/patrol-view';
import {
	advance,
	emptySummary,
	isOutOfOrder,
	missedPositions,
	summarize,
	type ProgressCheckIn
} from './route-progress';

const route = [1, 2, 3, 4, 5, 6];
let minute = 0;
const at = (position: number, extra: Partial<ProgressCheckIn> = {}): ProgressCheckIn => ({
	checkpointId: `cp${position}`,
	position,
	happenedAt: new Date(Date.UTC(2026, 11, 1, 8, minute++)),
	onRoute: true,
	flagged: false,
	...extra
});

describe('order along a looping route', () => {
	it('expects the next checkpoint, then the first again after the last', () => {
		const stops = (...positions: number[]) => positions.map((position) => ({ position }));
		expect(expectedNext(stops(...route), null)?.position).toBe(1);
		expect(expectedNext(stops(...route), 3)?.position).toBe(4);
		expect(expectedNext(stops(...route), 6)?.position).toBe(1);
		expect(expectedNext(stops(1, 2, 5), 2)?.position).toBe(5);
		expect(expectedNext([], 2)).toBeNull();
	});

	it('flags skips and going backwards, not the first check-in or a repeat', () => {
		expect(isOutOfOrder(route, null, 4)).toBe(false);
		expect(isOutOfOrder(route, 4, 4)).toBe(false);
		expect(isOutOfOrder(route, 4, 5)).toBe(false);
		expect(isOutOfOrder(route, 6, 1)).toBe(false);
		expect(isOutOfOrder(route, 2, 4)).toBe(true);
		expect(isOutOfOrder(route, 4, 2)).toBe(true);
	});
});

describe('patrol summary', () => {
	it('counts visits, remembers the last checkpoint and lists skipped ones in the current loop', () => {
		const summary = summarize([at(1), at(2), at(4, { flagged: true }), at(5)]);
		expect(summary).toMatchObject({
			checkInCount: 4,
			flaggedCount: 1,
			lastCheckpointId: 'cp5',
			lastPosition: 5,
			visited: ['cp1', 'cp2', 'cp4', 'cp5'],
			loop: [1, 2, 4, 5]
		});
		expect(missedPositions(route, summary.loop)).toEqual([3]);
	});

	it('starts a new loop after the last checkpoint, so earlier misses no longer count', () => {
		const summary = summarize([at(1), at(3), at(4), at(5), at(6), at(1), at(2)]);
		expect(summary.loop).toEqual([1, 2]);
		expect(missedPositions(route, summary.loop)).toEqual([]);
		expect(summary.visited).toHaveLength(6);
	});

	it('does not move along the route for a check-in on another route', () => {
		const summary = advance(summarize([at(1), at(2)]), at(9, { onRoute: false, checkpointId: 'other' }));
		expect(summary).toMatchObject({ lastPosition: 2, lastCheckpointId: 'other', loop: [1, 2] });
		expect(summary.visited).toEqual(['cp1', 'cp2']);
	});

	it('gives the same result whatever order the check-ins arrive in', () => {
		const checkIns = [at(1), at(2), at(3), at(4)];
		const shuffled = [checkIns[2], checkIns[0], checkIns[3], checkIns[1]];
		expect(summarize(shuffled)).toEqual(summarize(checkIns));
		expect(summarize(shuffled).lastCheckInAt).toEqual(checkIns[3].happenedAt);
	});

	it('starts empty', () => {
		expect(missedPositions(route, emptySummary().loop)).toEqual([]);
	});
});
