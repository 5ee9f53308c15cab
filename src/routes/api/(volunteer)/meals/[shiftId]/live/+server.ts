import { requireArea } from '$lib/server/auth/guards';
import { jsonError } from '$lib/server/http';
import { mealsChannel } from '$lib/server/logistics/live';
import { mealList, mealShiftOperation } from '$lib/server/logistics/meals';
import { requireOperation } from '$lib/server/operations/access';
import { liveResponse } from '$lib/server/live/sse';
import type { RequestHandler } from './$types';

/** Change notices for one shift's meal tick list, for the people who may serve it. */
export const GET: RequestHandler = async ({ request, params }) => {
	const user = requireArea('volunteer');
	try {
		await requireOperation(user, await mealShiftOperation(params.shiftId));
		await mealList(user, params.shiftId);
	} catch (caught) {
		return jsonError(caught);
	}
	return liveResponse(request, { served: mealsChannel(params.shiftId) });
};
