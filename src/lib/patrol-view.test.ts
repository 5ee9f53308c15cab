import { describe, expect, it } from 'vitest';
import { currentShift, normaliseCode, peekToken, type ViewShift } from './patrol-view';

const now = new Date('2026-12-01T10:00:00Z');
const shift = (id: string, startsAt: string, endsAt: string, extra: Partial<ViewShift> = {}): ViewShift => ({
	assignmentId: id,
	status: 'ASSIGNED',
	shiftId: `s-${id}`,
	title: null,
	startsAt,
	endsAt,
	instructions: null,
	operation: { id: 'op', name: 'Op', timezone: 'UTC' },
	route: null,
	post: null,
	leader: null,
	patrol: null,
	...extra
});
const patrol = (startedAt: string, endedAt: string | null = null) => ({
	id: 'p',
	startedAt,
	endedAt,
	autoEnded: false,
	handoverNote: null,
	checkIns: []
});

describe('the shift the patrol screen is about', () => {
	const tomorrow = shift('tomorrow', '2026-12-02T08:00:00Z', '2026-12-02T12:00:00Z');
	const today = shift('today', '2026-12-01T09:30:00Z', '2026-12-01T13:00:00Z');

	it('is the one that can be started now, else the next one', () => {
		expect(currentShift([today, tomorrow], now)?.assignmentId).toBe('today');
		expect(currentShift([tomorrow], now)?.assignmentId).toBe('tomorrow');
		// Up to an hour early.
		const soon = shift('soon', '2026-12-01T10:45:00Z', '2026-12-01T14:00:00Z');
		expect(currentShift([soon, tomorrow], now)?.assignmentId).toBe('soon');
	});

	it('is the one being patrolled, started on the server or only on this phone', () => {
		const running = shift('running', '2026-12-01T06:00:00Z', '2026-12-01T11:00:00Z', {
			status: 'PRESENT',
			patrol: patrol('2026-12-01T06:05:00Z')
		});
		expect(currentShift([running, today], now)?.assignmentId).toBe('running');
		expect(currentShift([tomorrow, today], now, new Set(['today']))?.assignmentId).toBe('today');
	});

	it('is one the person is marked present on but has not started, so they can start and end it', () => {
		const present = shift('present', '2026-12-01T09:00:00Z', '2026-12-01T15:00:00Z', { status: 'PRESENT' });
		expect(currentShift([present, tomorrow], now)?.assignmentId).toBe('present');
	});

	it('keeps a shift just ended on screen, then moves on to the next', () => {
		const ended = shift('ended', '2026-12-01T06:00:00Z', '2026-12-01T10:30:00Z', {
			status: 'COMPLETED',
			patrol: patrol('2026-12-01T06:05:00Z', '2026-12-01T09:50:00Z')
		});
		expect(currentShift([ended, tomorrow], now)?.assignmentId).toBe('ended');
		expect(currentShift([ended, tomorrow], new Date('2026-12-01T14:00:00Z'))?.assignmentId).toBe('tomorrow');
		expect(currentShift([today, tomorrow], now, new Set(['today']), new Set(['today']))?.assignmentId).toBe(
			'today'
		);
	});
});

describe('codes and scanned tokens', () => {
	it('normalises typed codes as the server does', () => {
		expect(normaliseCode(' nl 3 ')).toBe('NL3');
	});

	it('reads the checkpoint a token names, from a bare token or a poster link, without trusting it', () => {
		const body = Buffer.from(JSON.stringify({ c: 'cp1', r: 'route1' })).toString('base64url');
		expect(peekToken(`${body}.sig`)).toEqual({
			checkpointId: 'cp1',
			routeId: 'route1',
			token: `${body}.sig`
		});
		expect(peekToken(`https://x.example/scan/${body}.sig`)?.checkpointId).toBe('cp1');
		expect(peekToken('not a token')).toBeNull();
		expect(peekToken(`${Buffer.from('{"c":1}').toString('base64url')}.x`)).toBeNull();
	});
});
