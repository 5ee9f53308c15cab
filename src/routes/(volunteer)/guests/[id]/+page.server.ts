import { isOrganizer } from '$lib/roles';
import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { requestForVolunteer, resolveRequest, takeRequest } from '$lib/server/guests/help';
import { pageError } from '$lib/server/http';
import { workingOperation } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		const operation = await workingOperation(user);
		const request = await requestForVolunteer(user, operation.id, params.id);
		return {
			request,
			timezone: operation.timezone,
			userId: user.id,
			canResolve: request.status === 'TAKEN' && (request.takenBy?.id === user.id || isOrganizer(user.role))
		};
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	take: operationAction({
		area: 'volunteer',
		form: 'take',
		schema: recordId,
		run: async ({ user, data, operation }) => {
			await takeRequest(user, operation.id, data.id);
			return { id: data.id };
		}
	}),
	resolve: operationAction({
		area: 'volunteer',
		form: 'resolve',
		schema: recordId,
		run: async ({ user, data, operation }) => {
			await resolveRequest(user, operation.id, data.id);
			return { id: data.id };
		}
	})
} satisfies Actions;
