// Units of the items logistics hands out. Quantities are stored as whole "steps" of the unit
// (tenths for weights and volumes), so that balances add up exactly and can be updated with one
// atomic UPDATE; these helpers turn what people type into steps and back.

export const UNITS = ['BOX', 'BOTTLE', 'KG', 'CUP', 'PACK', 'PIECE', 'LITRE'] as const;
export type Unit = (typeof UNITS)[number];

const DECIMALS: Record<Unit, number> = {
	BOX: 0,
	BOTTLE: 0,
	KG: 1,
	CUP: 0,
	PACK: 0,
	PIECE: 0,
	LITRE: 1
};

export const isUnit = (value: string): value is Unit => (UNITS as readonly string[]).includes(value);

export function decimalsOf(unit: string): number {
	return isUnit(unit) ? DECIMALS[unit] : 0;
}

/** How many stored steps make one unit (10 for KG: 2.5 kg is stored as 25). */
export function stepsPerUnit(unit: string): number {
	return 10 ** decimalsOf(unit);
}

/**
 * A quantity in units (2.5) as whole steps (25), or null when it is not positive, not a number
 * or finer than the unit allows (2.55 kg).
 */
export function toSteps(quantity: number, unit: string): number | null {
	if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) return null;
	const steps = quantity * stepsPerUnit(unit);
	const rounded = Math.round(steps);
	if (Math.abs(steps - rounded) > 1e-9 || rounded < 1 || rounded > 100_000_000) return null;
	return rounded;
}

export function fromSteps(steps: number, unit: string): number {
	return steps / stepsPerUnit(unit);
}

/** "1,250" or "12.5", in the reader's locale, without the unit. */
export function formatSteps(steps: number, unit: string, locale: string): string {
	const decimals = decimalsOf(unit);
	return new Intl.NumberFormat(locale, {
		minimumFractionDigits: 0,
		maximumFractionDigits: decimals
	}).format(fromSteps(steps, unit));
}
