import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commandView } from '$lib/server/briefing/command';
import { commandScope } from '../scope.server';
import type { PageServerLoad } from './$types';

const LISTS = ['on-duty', 'gaps', 'not-started', 'alerts', 'reports', 'stock', 'pods', 'broadcasts'] as const;
type List = (typeof LISTS)[number];

/** The list behind one figure of the command view. */
export const load = (async ({ url, params, depends }) => {
	depends('command:view');
	if (!(LISTS as readonly string[]).includes(params.list)) error(404, m.error_not_found());
	const { operation } = await commandScope(url);
	if (!operation) error(404, m.organizer_no_operation());
	return {
		list: params.list as List,
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		view: await commandView(operation.id)
	};
}) satisfies PageServerLoad;
