import * as v from 'valibot';
import type { RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { requireOperation } from '$lib/server/operations/access';
import { checkpointPosters } from '$lib/server/operations/posters';
import { routeDetail } from '$lib/server/operations/setup';
import { replacePosters } from '$lib/server/patrols/route-settings';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const user = requireArea('organizer');
	try {
		const route = await routeDetail(params.id);
		await requireOperation(user, route.operationId);
		return {
			route: {
				id: route.id,
				name: route.name,
				zone: route.zone.name,
				operation: route.operation.name,
				timezone: route.operation.timezone,
				posterVersion: route.posterVersion,
				postersReplacedAt: route.postersReplacedAt
			},
			// Printed with the route's current poster version: older prints are the withdrawn ones.
			posters: await checkpointPosters(
				url.origin,
				route.checkpoints.map((checkpoint) => ({ ...checkpoint, posterVersion: route.posterVersion }))
			)
		};
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	replace: operationAction({
		form: 'replace',
		area: 'organizer',
		schema: v.object({}),
		operation: async ({ params }: RequestEvent) => (await routeDetail(params.id!)).operationId,
		run: async ({ user, operation, event }) => {
			await replacePosters(user.id, operation.id, event.params.id!);
		}
	})
} satisfies Actions;
