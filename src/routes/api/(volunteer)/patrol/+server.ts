import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { patrolViewFor } from '$lib/server/patrols/view';
import type { RequestHandler } from './$types';

/** The volunteer's patrol view; the phone keeps it in IndexedDB for when there is no signal. */
export const GET: RequestHandler = async () => {
	const user = requireArea('volunteer');
	return json(await patrolViewFor(user.id), { headers: { 'Cache-Control': 'no-store' } });
};
