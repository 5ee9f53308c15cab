// Figures of the briefing, the command view and the wall as people read them, in their language.
import { translate } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';

/** "1,234", or "–" when there is no figure. */
export function num(value: number | null | undefined, digits = 0): string {
	if (value === null || value === undefined) return '–';
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

/** "+3", "−2", "±0"; empty when there is nothing to compare with. */
export function delta(value: number | null): string {
	if (value === null) return '';
	if (value === 0) return '±0';
	return `${value > 0 ? '+' : '−'}${num(Math.abs(value))}`;
}

/** Minutes as hours with one decimal: 548 → "9.1". */
export const hours = (minutes: number) => num(minutes / 60, 1);

/** A percentage, or "–". */
export const percent = (value: number | null) => (value === null ? '–' : `${num(value)}%`);

/** An alert kind's name; kinds this version has no words for yet show as they are stored. */
export const alertKind = (kind: string) =>
	translate(`coverage_alert_kind_${kind}`) ?? translate(`alert_kind_${kind}`) ?? kind;
