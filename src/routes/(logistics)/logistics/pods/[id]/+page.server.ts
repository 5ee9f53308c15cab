import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { podSchema } from '$lib/schemas/logistics';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { listLocations } from '$lib/server/logistics/locations';
import { closePod, podToEdit, updatePod } from '$lib/server/pods/pods';
import { logisticsContext } from '../../context.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const { user, operation } = await logisticsContext();
	if (!operation) error(404, 'No operation');
	try {
		const [pod, locations] = await Promise.all([
			podToEdit(user, operation.id, params.id),
			listLocations(operation.id)
		]);
		return { pod, locations };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

// The pod in the address, checked to be of the working operation (podToEdit).
export const actions = {
	save: operationAction({
		form: 'save',
		area: 'logistics',
		schema: podSchema,
		arrays: ['amenities'],
		run: async ({ user, data, operation, event }) => {
			await updatePod(user, operation.id, event.params.id!, data);
			redirect(303, '/logistics/pods');
		}
	}),
	close: operationAction({
		form: 'close',
		area: 'logistics',
		schema: v.object({}),
		run: async ({ user, operation, event }) => {
			await closePod(user, operation.id, event.params.id!);
			redirect(303, '/logistics/pods');
		}
	})
} satisfies Actions;
