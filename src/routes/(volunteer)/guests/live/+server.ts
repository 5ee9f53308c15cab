import { requireArea } from '$lib/server/auth/guards';
import { guestOperationChannel, guestZoneChannel } from '$lib/server/guests/channels';
import { zonesFor } from '$lib/server/guests/duty';
import { liveResponse } from '$lib/server/live/sse';
import { currentOperationOf } from '$lib/server/operations/access';
import type { RequestHandler } from './$types';

/** Live notices for the zones this person looks after now (the whole operation for organizers). */
export const GET: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
	if (!operation) return liveResponse(request, {});
	const zones = await zonesFor(user, operation.id);
	const channels =
		zones === 'all'
			? { changed: guestOperationChannel(operation.id) }
			: Object.fromEntries(zones.map((zoneId) => [`zone-${zoneId}`, guestZoneChannel(zoneId)]));
	return liveResponse(request, channels);
};
