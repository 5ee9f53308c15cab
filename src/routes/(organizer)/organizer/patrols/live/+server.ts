import { requireArea } from '$lib/server/auth/guards';
import { liveResponse } from '$lib/server/live/sse';
import { currentOperationOf } from '$lib/server/operations/access';
import { coverageChannel, reportsChannel } from '$lib/server/patrols/channels';
import type { RequestHandler } from './$types';

/** Server-sent events for the coverage board and the reports inbox of the current operation. */
export const GET: RequestHandler = async ({ request }) => {
	const user = requireArea('organizer');
	const operation = await currentOperationOf(user);
	if (!operation) return new Response(null, { status: 204 });
	return liveResponse(request, {
		coverage: coverageChannel(operation.id),
		reports: reportsChannel(operation.id)
	});
};
