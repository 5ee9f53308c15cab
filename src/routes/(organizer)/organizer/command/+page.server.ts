import { commandView } from '$lib/server/briefing/command';
import { createWallLink, listWallLinks, revokeWallLink } from '$lib/server/briefing/wall';
import { operationAction } from '$lib/server/forms';
import { operationChoicesFor } from '$lib/server/operations/access';
import { wallLinkSchema, wallRevokeSchema } from '$lib/schemas/briefing';
import { commandScope } from './scope.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url, depends }) => {
	depends('command:view');
	const { user, operation } = await commandScope(url);
	if (!operation) return { operation: null, view: null, walls: [], operations: [] };
	const [view, walls, operations] = await Promise.all([
		commandView(operation.id),
		listWallLinks(operation.id),
		operationChoicesFor(user)
	]);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		view,
		walls,
		operations
	};
}) satisfies PageServerLoad;

const scope = {
	area: 'organizer',
	operation: (_: unknown, data: { operation: string }) => data.operation
} as const;

export const actions = {
	wall: operationAction({
		...scope,
		form: 'wall',
		schema: wallLinkSchema,
		run: async ({ user, operation, data, event }) => {
			const { token } = await createWallLink(user.id, { operationId: operation.id, label: data.label });
			// Shown once, to the organizer who made it: only its hash is kept.
			return { link: `${event.url.origin}/wall/${token}` };
		}
	}),
	revoke: operationAction({
		...scope,
		form: 'revoke',
		schema: wallRevokeSchema,
		run: async ({ user, operation, data }) => {
			await revokeWallLink(user.id, { operationId: operation.id, id: data.id });
			return { id: data.id };
		}
	})
} satisfies Actions;
