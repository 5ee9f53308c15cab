import { describe, expect, it } from 'vitest';
import { MOVEMENT_KINDS, MOVEMENT_RULES, adjustedPlaceField, movementRule } from './movements';

describe('stock movement kinds', () => {
	it('name where stock comes from and goes to for each kind', () => {
		const places = Object.fromEntries(
			MOVEMENT_KINDS.map((kind) => [kind, [MOVEMENT_RULES[kind].from, MOVEMENT_RULES[kind].to]])
		);
		expect(places).toEqual({
			RECEIVED: [false, true],
			TRANSFER: [true, true],
			ISSUED: [true, false],
			WASTED: [true, false],
			ADJUSTED_UP: [false, true],
			ADJUSTED_DOWN: [true, false]
		});
	});

	it('date only stock that arrives, and ask a supplier only of deliveries', () => {
		expect(MOVEMENT_KINDS.filter((kind) => MOVEMENT_RULES[kind].dated)).toEqual(['RECEIVED', 'ADJUSTED_UP']);
		expect(MOVEMENT_KINDS.filter((kind) => MOVEMENT_RULES[kind].supplier)).toEqual(['RECEIVED']);
	});

	it('want a reason for losses and recounts', () => {
		expect(MOVEMENT_KINDS.filter((kind) => MOVEMENT_RULES[kind].reasonRequired)).toEqual([
			'WASTED',
			'ADJUSTED_UP',
			'ADJUSTED_DOWN'
		]);
	});

	it('put a recount’s place under the field the form shows, and need nothing for an unknown kind', () => {
		expect(adjustedPlaceField('ADJUSTED_UP')).toBe('toPostId');
		expect(adjustedPlaceField('ADJUSTED_DOWN')).toBe('fromPostId');
		expect(movementRule('STOLEN')).toMatchObject({ from: false, to: false });
	});
});
