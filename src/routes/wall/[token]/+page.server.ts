import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commandView, wallView } from '$lib/server/briefing/command';
import { wallByToken } from '$lib/server/briefing/wall';
import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// No session: the link itself is the permission, read-only, until an organizer revokes it.
export const load = (async ({ params, depends, setHeaders, getClientAddress }) => {
	depends('command:view');
	let wall;
	try {
		wall = await wallByToken(params.token, getClientAddress());
	} catch (caught) {
		pageError(caught);
	}
	if (!wall) error(404, m.wall_refused());
	setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
	return {
		bare: true,
		token: params.token,
		operation: wall.operation,
		view: wallView(await commandView(wall.operation.id))
	};
}) satisfies PageServerLoad;
