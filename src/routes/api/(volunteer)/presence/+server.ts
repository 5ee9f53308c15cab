import { json } from '@sveltejs/kit';
import { presenceSchema } from '$lib/schemas/escalation';
import { validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { touchPresence } from '$lib/server/alerts/presence';
import { readJson } from '../patrol/handle';
import type { RequestHandler } from './$types';

/** The app's heartbeat while open: a sign of life (welfare checks) and the last position. */
export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const parsed = validate(presenceSchema, (await readJson(request)) ?? {});
	await touchPresence(user.id, parsed.ok ? parsed.data : {});
	return json({ ok: true });
};
