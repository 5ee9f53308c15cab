import { liveResponse } from '$lib/server/live/sse';
import { requireArea } from '$lib/server/auth/guards';
import { logisticsChannel } from '$lib/server/logistics/requests';
import { currentOperationOf } from '$lib/server/operations/access';
import { podsChannel } from '$lib/server/pods/bookings';
import type { RequestHandler } from './$types';

/** Change notices for the logistics screens: requests and stock, and pod occupancy. */
export const GET: RequestHandler = async ({ request }) => {
	const user = requireArea('logistics');
	const operation = await currentOperationOf(user);
	if (!operation) return new Response(null, { status: 204 });
	return liveResponse(request, { changed: logisticsChannel(operation.id), pods: podsChannel(operation.id) });
};
