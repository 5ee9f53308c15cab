import { json } from '@sveltejs/kit';
import { guestErrorText } from '$lib/guests/i18n';
import { toDomainError } from '$lib/server/errors';
import { guestRequestChannel } from '$lib/server/guests/channels';
import { requestIdForToken } from '$lib/server/guests/help';
import { liveResponse } from '$lib/server/live/sse';
import type { RequestHandler } from './$types';

/** Streams open at once per request on this instance: a guest's tab or two, not a crowd's. */
const MAX_STREAMS = 3;
const open = new Map<string, number>();

/** "Something changed" for one guest's request, to the holder of its link. */
export const GET: RequestHandler = async ({ params, request, getClientAddress }) => {
	let id: string;
	try {
		id = await requestIdForToken(params.token, getClientAddress());
	} catch (caught) {
		const error = toDomainError(caught);
		return json(
			{ code: error.code, message: guestErrorText(error.code, error.options.params) },
			{ status: error.status }
		);
	}
	const streams = open.get(id) ?? 0;
	if (streams >= MAX_STREAMS) {
		return json(
			{ code: 'rate_limited', message: guestErrorText('rate_limited', { count: 1 }) },
			{ status: 429 }
		);
	}
	open.set(id, streams + 1);
	request.signal.addEventListener('abort', () => {
		const left = (open.get(id) ?? 1) - 1;
		if (left > 0) open.set(id, left);
		else open.delete(id);
	});
	return liveResponse(request, { changed: guestRequestChannel(id) });
};
