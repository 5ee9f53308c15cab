import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { answerAlert } from '$lib/server/alerts/sos';
import { jsonError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** "I'm on my way" from the notification's button (the service worker, with the session cookie). */
export const POST: RequestHandler = async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		const { changed } = await answerAlert(user, params.id, 'on_my_way');
		return json({ ok: true, changed });
	} catch (error) {
		return jsonError(error);
	}
};
