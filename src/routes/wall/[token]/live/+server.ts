import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commandChannels } from '$lib/server/briefing/channels';
import { wallByToken } from '$lib/server/briefing/wall';
import { jsonError } from '$lib/server/http';
import { liveResponse } from '$lib/server/live/sse';
import type { RequestHandler } from './$types';

/** The wall's live stream; a revoked link gets none (and its page refuses on the next reload). */
export const GET: RequestHandler = async ({ request, params, getClientAddress }) => {
	let wall;
	try {
		wall = await wallByToken(params.token, getClientAddress());
	} catch (caught) {
		return jsonError(caught);
	}
	if (!wall) error(404, m.wall_refused());
	return liveResponse(request, commandChannels(wall.operation.id));
};
