// Lots: the key that stock is kept under besides item and location. Two kinds, one string:
// - a best-before date ("2026-12-04"): a quality date; past it, stock is still issued, oldest first,
//   and shown as past its date;
// - a use-by time ("2026-12-04T06:30Z", UTC to the minute) for items perishable within hours: a
//   safety limit; past it the stock is never issued or moved again, only written off.
// Both sort as text in time order, so "oldest first" is a string sort; "" (undated) comes last.

const USE_BY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;
const MINUTE = 60_000;

export const isUseByLot = (lot: string) => USE_BY.test(lot);

/** The lot of stock that must be used by `instant` (rounded down to the minute). */
export function useByLot(instant: Date): string {
	const minute = new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
	return `${minute.toISOString().slice(0, 16)}Z`;
}

/** The use-by time of a lot received at `at` of an item that keeps `shelfLifeHours`. */
export const lotForShelfLife = (at: Date, shelfLifeHours: number) =>
	useByLot(new Date(at.getTime() + shelfLifeHours * 60 * MINUTE));

/** When a use-by lot expires; null for best-before dates and undated stock. */
export function useByOf(lot: string): Date | null {
	return isUseByLot(lot) ? new Date(`${lot.slice(0, 16)}:00Z`) : null;
}

/** A use-by lot whose time has come: it may only be written off. */
export function isExpired(lot: string, now: Date): boolean {
	const useBy = useByOf(lot);
	return useBy !== null && useBy.getTime() <= now.getTime();
}

/** Oldest first: dated lots (best-before or use-by) in time order, undated stock last. */
export const oldestFirst = (a: string, b: string) =>
	a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1;

/** Shelf life in hours: a whole number from 1 to two weeks. */
export const MAX_SHELF_LIFE_HOURS = 336;
export const validShelfLife = (hours: number) =>
	Number.isInteger(hours) && hours >= 1 && hours <= MAX_SHELF_LIFE_HOURS;
