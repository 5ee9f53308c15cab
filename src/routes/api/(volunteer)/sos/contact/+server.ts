import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { sosContact } from '$lib/server/alerts/sos';
import type { RequestHandler } from './$types';

/** The number to call or text in an emergency and the place to put in the text; the app keeps it for offline use. */
export const GET: RequestHandler = async () => {
	const user = requireArea('volunteer');
	return json(await sosContact(user.id), { headers: { 'cache-control': 'private, no-store' } });
};
