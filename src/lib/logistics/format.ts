// Quantities and statuses as people read them, in their language.
import { translate } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime } from '$lib/time';
import { useByOf } from './lots';
import { formatSteps } from './units';

export const unitLabel = (unit: string) => translate(`unit_${unit}`) ?? unit.toLowerCase();

/** "40 bottles", "12.5 kg". */
export const qty = (steps: number, unit: string) =>
	`${formatSteps(steps, unit, getLocale())} ${unitLabel(unit)}`;

/** A best-before lot ("2026-12-04") as a short date; a use-by lot as its time in `timeZone`. */
export function lotDate(lot: string, timeZone = 'UTC') {
	const useBy = useByOf(lot);
	if (useBy) return formatDateTime(useBy, timeZone, getLocale());
	return new Intl.DateTimeFormat(getLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${lot}T00:00:00Z`)
	);
}

/** "best before Dec 4", or "use by Mon, Dec 4, 14:15" for food that keeps hours. */
export const lotLabel = (lot: string, timeZone: string) =>
	useByOf(lot)
		? m.logistics_use_by({ time: lotDate(lot, timeZone) })
		: m.logistics_best_before({ date: lotDate(lot) });
