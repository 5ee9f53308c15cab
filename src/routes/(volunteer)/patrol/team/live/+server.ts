import { requireArea } from '$lib/server/auth/guards';
import { liveResponse } from '$lib/server/live/sse';
import { teamChannel } from '$lib/server/patrols/channels';
import { teamView } from '$lib/server/patrols/team';
import type { RequestHandler } from './$types';

/** Live notices for the shifts this person leads, and no others. */
export const GET: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const shifts = await teamView(user.id);
	return liveResponse(
		request,
		Object.fromEntries(shifts.map((shift) => [`shift-${shift.id}`, teamChannel(shift.id)]))
	);
};
