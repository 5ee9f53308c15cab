import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { zonedDate } from '$lib/time';

/**
 * The report's day from ?day=YYYY-MM-DD, else today in the operation's timezone. A date that
 * does not exist (2026-02-30) or is absurdly far out is a 400, not a silently different day.
 */
export function reportDay(url: URL, timezone: string): string {
	const asked = url.searchParams.get('day');
	if (!asked) return zonedDate(new Date(), timezone);
	const parsed = /^(\d{4})-\d{2}-\d{2}$/.exec(asked);
	const real = parsed && new Date(`${asked}T00:00:00Z`).toISOString().startsWith(asked);
	if (!parsed || !real || Number(parsed[1]) < 2000 || Number(parsed[1]) > 2100) {
		error(400, m.error_report_day_invalid());
	}
	return asked;
}
