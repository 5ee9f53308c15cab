import { describe, expect, it } from 'vitest';
import { formatSteps, fromSteps, stepsPerUnit, toSteps } from './units';

describe('quantities in unit steps', () => {
	it('stores kilograms in tenths and bottles whole', () => {
		expect(stepsPerUnit('KG')).toBe(10);
		expect(toSteps(2.5, 'KG')).toBe(25);
		expect(toSteps(0.1, 'KG')).toBe(1);
		expect(toSteps(40, 'BOTTLE')).toBe(40);
		expect(fromSteps(25, 'KG')).toBe(2.5);
	});

	it('refuses what cannot be a quantity', () => {
		for (const bad of [0, -5, Number.NaN, Infinity, 1.5, 1e12]) expect(toSteps(bad, 'BOTTLE')).toBeNull();
		expect(toSteps(2.55, 'KG')).toBeNull();
		expect(toSteps('12' as unknown as number, 'BOTTLE')).toBeNull();
	});

	it('formats for the reader', () => {
		expect(formatSteps(12500, 'BOTTLE', 'en')).toBe('12,500');
		expect(formatSteps(125, 'KG', 'en')).toBe('12.5');
		expect(formatSteps(120, 'KG', 'zh')).toBe('12');
	});
});
