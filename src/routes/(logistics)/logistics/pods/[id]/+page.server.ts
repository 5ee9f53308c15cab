import { error, fail, redirect } from '@sveltejs/kit';
import { podSchema } from '$lib/schemas/logistics';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { failWith, pageError } from '$lib/server/http';
import { listLocations } from '$lib/server/logistics/locations';
import { closePod, podToEdit, updatePod } from '$lib/server/pods/pods';
import { logisticsAction, logisticsContext } from '../../context.server';
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

export const actions = {
	save: async ({ request, params }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		const input = formObject(await request.formData(), ['amenities']);
		const values = safeValues(input);
		const amenities = input.amenities as string[];
		const parsed = validate(podSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, amenities });
		try {
			await updatePod(user, operation.id, params.id, parsed.data);
		} catch (caught) {
			return failWith(caught, values, { amenities });
		}
		redirect(303, '/logistics/pods');
	},
	close: async ({ params }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		try {
			await closePod(user, operation.id, params.id);
		} catch (caught) {
			return failWith(caught);
		}
		redirect(303, '/logistics/pods');
	}
} satisfies Actions;
