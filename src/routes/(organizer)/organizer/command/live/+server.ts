import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commandChannels } from '$lib/server/briefing/channels';
import { liveResponse } from '$lib/server/live/sse';
import { commandScope } from '../scope.server';
import type { RequestHandler } from './$types';

/** Server-sent events: something the command view shows has changed. */
export const GET: RequestHandler = async ({ request, url }) => {
	const { operation } = await commandScope(url);
	if (!operation) error(404, m.organizer_no_operation());
	return liveResponse(request, commandChannels(operation.id));
};
