import { describe, expect, it } from 'vitest';
import { honestTime, isClockOff } from './times';

const at = (iso: string) => new Date(`2026-12-01T${iso}Z`);

describe('honestTime', () => {
	it('keeps the phone time of an event sent hours later by a phone with a right clock', () => {
		const time = honestTime({ phoneTime: at('08:10:00'), sentAt: at('11:00:00') }, at('11:00:01'));
		expect(time).toEqual({
			happenedAt: at('08:10:00'),
			phoneTime: at('08:10:00'),
			receivedAt: at('11:00:01'),
			clockOffsetSeconds: 1
		});
		expect(isClockOff(time.clockOffsetSeconds)).toBe(false);
	});

	it('corrects the time of a phone whose clock is 20 minutes slow, and says by how much', () => {
		const time = honestTime({ phoneTime: at('07:50:00'), sentAt: at('10:40:00') }, at('11:00:00'));
		expect(time.happenedAt).toEqual(at('08:10:00'));
		expect(time.phoneTime).toEqual(at('07:50:00'));
		expect(time.clockOffsetSeconds).toBe(1200);
		expect(isClockOff(time.clockOffsetSeconds)).toBe(true);
	});

	it('never places an event after the server received it (a fast clock)', () => {
		const time = honestTime({ phoneTime: at('12:00:00'), sentAt: at('12:00:00') }, at('11:59:30'));
		expect(time.happenedAt).toEqual(at('11:59:30'));
		expect(time.clockOffsetSeconds).toBe(-30);
	});

	it('uses the arrival time when the phone gave none (a form sent without JavaScript)', () => {
		const time = honestTime({}, at('09:00:00'));
		expect(time.happenedAt).toEqual(at('09:00:00'));
		expect(time.phoneTime).toEqual(at('09:00:00'));
		expect(time.clockOffsetSeconds).toBe(0);
	});
});
