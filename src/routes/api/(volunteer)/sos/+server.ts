import { sosSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { raiseSos } from '$lib/server/alerts/sos';
import { handle, readJson } from '../patrol/handle';
import type { RequestHandler } from './$types';

/** The phone's SOS, from its outbox: a retry of the same id answers 200 with the same alert. */
export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	return handle(sosSchema, await readJson(request), async (input) => {
		const { alert, duplicate } = await raiseSos(user, input);
		return { duplicate, result: { alertId: alert.id, status: alert.status } };
	});
};
