// The personal calendar feed. The token in the URL is the only credential (calendar apps cannot
// sign in); an unknown or reset token gets a 404, never a hint about who it belonged to.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { calendarFeed } from '$lib/server/shifts/calendar';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const feed = await calendarFeed(params.token, url.origin);
	if (!feed) error(404, m.error_not_found());
	return new Response(feed, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, max-age=300',
			'referrer-policy': 'no-referrer'
		}
	});
};
