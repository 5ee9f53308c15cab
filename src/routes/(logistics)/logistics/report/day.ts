import { zonedDate } from '$lib/time';

/** The report's day from ?day=YYYY-MM-DD, else today in the operation's timezone. */
export function reportDay(url: URL, timezone: string): string {
	const asked = url.searchParams.get('day') ?? '';
	const valid = /^\d{4}-\d{2}-\d{2}$/.test(asked) && !Number.isNaN(new Date(`${asked}T00:00:00Z`).getTime());
	return valid ? asked : zonedDate(new Date(), timezone);
}
