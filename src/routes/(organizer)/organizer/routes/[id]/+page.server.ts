import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { recordId, withId } from '$lib/schemas/forms';
import { checkpointSchema, routeSchema } from '$lib/schemas/rostering';
import { routeCoverageSchema } from '$lib/schemas/coverage';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { requireOperation } from '$lib/server/operations/access';
import { zoneChoices } from '$lib/server/operations/operations';
import {
	addCheckpoint,
	deleteCheckpoint,
	deleteRoute,
	moveCheckpoint,
	routeDetail,
	saveRoute,
	updateCheckpoint
} from '$lib/server/operations/setup';
import { saveRouteCoverage } from '$lib/server/patrols/route-settings';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('organizer');
	let route;
	try {
		route = await routeDetail(params.id);
		await requireOperation(user, route.operationId);
	} catch (caught) {
		pageError(caught);
	}
	return { route, zones: await zoneChoices(route.operationId) };
}) satisfies PageServerLoad;

// The route in the address decides the operation; checkpoints named by a form must be on it.
const scope = {
	area: 'organizer',
	operation: async ({ params }: RequestEvent) => (await routeDetail(params.id!)).operationId
} as const;

const move = v.object({ ...recordId.entries, direction: v.picklist(['up', 'down']) });

export const actions = {
	update: operationAction({
		...scope,
		form: 'route',
		schema: routeSchema,
		run: ({ user, operation, data, event }) => saveRoute(user.id, operation.id, data, event.params.id)
	}),
	delete: operationAction({
		...scope,
		form: 'route',
		schema: v.object({}),
		run: async ({ user, operation, event }) => {
			await deleteRoute(user.id, operation.id, event.params.id!);
			redirect(303, `/organizer/operations/${operation.id}`);
		}
	}),
	checkpoint: operationAction({
		...scope,
		form: 'checkpoint',
		schema: withId(checkpointSchema),
		run: async ({ user, data, event }) => {
			const routeId = event.params.id!;
			if (data.id) await updateCheckpoint(user.id, routeId, data.id, data);
			else await addCheckpoint(user.id, routeId, data);
			return { id: data.id };
		}
	}),
	move: operationAction({
		...scope,
		form: 'checkpoint',
		schema: move,
		run: ({ user, data, event }) => moveCheckpoint(user.id, event.params.id!, data.id, data.direction)
	}),
	coverage: operationAction({
		...scope,
		form: 'coverage',
		schema: routeCoverageSchema,
		run: ({ user, operation, data, event }) =>
			saveRouteCoverage(user.id, operation.id, event.params.id!, data)
	}),
	deleteCheckpoint: operationAction({
		...scope,
		form: 'checkpoint',
		schema: recordId,
		run: ({ user, data, event }) => deleteCheckpoint(user.id, event.params.id!, data.id)
	})
} satisfies Actions;
