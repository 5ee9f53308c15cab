import { sosDetailSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { addSosDetails } from '$lib/server/alerts/sos';
import { handle, readJson } from '../../patrol/handle';
import type { RequestHandler } from './$types';

/** Kind and note after the SOS, from the outbox (sent after the SOS itself). */
export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	return handle(sosDetailSchema, await readJson(request), async (input) => {
		const { alert, duplicate } = await addSosDetails(user, input);
		return { duplicate, result: { alertId: alert.id } };
	});
};
