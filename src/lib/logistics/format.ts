// Quantities and statuses as people read them, in their language.
import { translate } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { formatSteps } from './units';

export const unitLabel = (unit: string) => translate(`unit_${unit}`) ?? unit.toLowerCase();

/** "40 bottles", "12.5 kg". */
export const qty = (steps: number, unit: string) =>
	`${formatSteps(steps, unit, getLocale())} ${unitLabel(unit)}`;

/** A best-before lot ("2026-12-04") as a short date. */
export const lotDate = (lot: string) =>
	new Intl.DateTimeFormat(getLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${lot}T00:00:00Z`)
	);
