// Acknowledging a message from outside a form: the service worker's "Acknowledge" action (with the
// person's cookie) and the inbox page's button when JavaScript runs. Recorded once however often.
import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { jsonError } from '$lib/server/http';
import { acknowledge } from '$lib/server/notify';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		const { acknowledgedAt } = await acknowledge(user.id, params.id);
		return json({ id: params.id, acknowledgedAt });
	} catch (caught) {
		return jsonError(caught);
	}
};
