import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { validate } from './forms';
import { quantity, requestLines, supplyRequestForm } from './logistics';

describe('quantities typed into forms', () => {
	it('accept whole and decimal numbers, with a comma too', () => {
		expect(v.parse(quantity, ' 40 ')).toBe(40);
		expect(v.parse(quantity, '2.5')).toBe(2.5);
		expect(v.parse(quantity, '2,5')).toBe(2.5);
	});

	it('refuse negative, zero, empty and non-numeric input with a message', () => {
		for (const bad of ['-5', '0', '0.0', 'ten', '1e3', '', '  ', '4 boxes']) {
			const result = v.safeParse(quantity, bad);
			expect(result.success, bad).toBe(false);
			expect(result.issues?.[0].message).toMatch(/quantity/i);
		}
	});
});

describe('request lines', () => {
	it('keep the filled-in items and skip the empty ones', () => {
		expect(requestLines({ postId: 'p', qty_water: '40', qty_fruit: '', qty_tea: ' ' })).toEqual({
			ok: true,
			data: [{ itemId: 'water', quantity: 40 }]
		});
	});

	it('point at the field with a bad quantity, and ask for at least one', () => {
		const bad = requestLines({ qty_water: '-3', qty_fruit: '2' });
		expect(bad.ok).toBe(false);
		expect(Object.keys((bad as { errors: object }).errors)).toEqual(['qty_water']);
		expect(requestLines({ qty_water: '' })).toMatchObject({
			ok: false,
			errors: { lines: expect.any(String) }
		});
	});
});

describe('the supply request form', () => {
	it('reads its fields and its quantity lines together', () => {
		expect(validate(supplyRequestForm, { postId: 'p', urgent: 'on', qty_water: '40' })).toEqual({
			ok: true,
			data: {
				postId: 'p',
				urgent: true,
				note: undefined,
				clientId: '',
				lines: [{ itemId: 'water', quantity: 40 }]
			}
		});
		const bad = validate(supplyRequestForm, { postId: 'p', qty_water: '-3' });
		expect(bad.ok).toBe(false);
		expect(Object.keys(bad.ok ? {} : bad.errors)).toEqual(['qty_water']);
		expect(validate(supplyRequestForm, { postId: 'p' })).toMatchObject({
			ok: false,
			errors: { lines: expect.any(String) }
		});
	});
});
