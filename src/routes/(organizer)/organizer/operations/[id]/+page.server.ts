import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { requireOperation } from '$lib/server/operations/access';
import {
	deletePost,
	deleteRoute,
	deleteZone,
	operationSetup,
	savePost,
	saveRoute,
	saveZone,
	updateOperation,
	zoneLeadChoices
} from '$lib/server/operations/setup';
import { recordId, withId } from '$lib/schemas/forms';
import { zonedDate } from '$lib/time';
import { operationInput, operationSchema, postSchema, routeSchema, zoneSchema } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('organizer');
	let operation;
	try {
		await requireOperation(user, params.id);
		operation = await operationSetup(params.id);
	} catch (caught) {
		pageError(caught);
	}
	return {
		operation,
		leads: await zoneLeadChoices(operation.id),
		values: {
			name: operation.name,
			description: operation.description ?? '',
			timezone: operation.timezone,
			startDate: zonedDate(operation.startsAt, operation.timezone),
			endDate: zonedDate(new Date(operation.endsAt.getTime() - 1), operation.timezone),
			minRestHours: String(Math.round(operation.minRestMinutes / 60)),
			maxHoursPerDay: String(Math.round(operation.maxMinutesPerDay / 60))
		}
	};
}) satisfies PageServerLoad;

// Every action works on the operation in the address, checked against the organizer's operations;
// the zone, post or route it names must belong to that operation (the domain checks).
const scope = {
	area: 'organizer',
	operation: ({ params }: { params: { id?: string } }) => params.id
} as const;

export const actions = {
	update: operationAction({
		...scope,
		form: 'operation',
		schema: operationSchema,
		run: ({ user, operation, data }) => updateOperation(user.id, operation.id, operationInput(data))
	}),
	zone: operationAction({
		...scope,
		form: 'zone',
		schema: withId(zoneSchema),
		run: ({ user, operation, data }) =>
			saveZone(user.id, operation.id, data, data.id).then(() => ({ id: data.id }))
	}),
	deleteZone: operationAction({
		...scope,
		form: 'zone',
		schema: recordId,
		run: ({ user, operation, data }) => deleteZone(user.id, operation.id, data.id)
	}),
	post: operationAction({
		...scope,
		form: 'post',
		schema: withId(postSchema),
		run: ({ user, operation, data }) =>
			savePost(user.id, operation.id, data, data.id).then(() => ({ id: data.id }))
	}),
	deletePost: operationAction({
		...scope,
		form: 'post',
		schema: recordId,
		run: ({ user, operation, data }) => deletePost(user.id, operation.id, data.id)
	}),
	route: operationAction({
		...scope,
		form: 'route',
		schema: routeSchema,
		run: async ({ user, operation, data }) => {
			const route = await saveRoute(user.id, operation.id, data);
			redirect(303, `/organizer/routes/${route.id}`);
		}
	}),
	deleteRoute: operationAction({
		...scope,
		form: 'route',
		schema: recordId,
		run: ({ user, operation, data }) => deleteRoute(user.id, operation.id, data.id)
	})
} satisfies Actions;
