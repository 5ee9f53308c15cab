import { fail } from '@sveltejs/kit';
import { podSchema } from '$lib/schemas/logistics';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { failWith } from '$lib/server/http';
import { listLocations } from '$lib/server/logistics/locations';
import { occupancyBoard } from '$lib/server/pods/bookings';
import { createPod, listPods } from '$lib/server/pods/pods';
import { logisticsAction, logisticsContext } from '../context.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const { operation } = await logisticsContext();
	if (!operation) return { operation: null, board: [], pods: [], locations: [] };
	const [board, pods, locations] = await Promise.all([
		occupancyBoard(operation.id),
		listPods(operation.id),
		listLocations(operation.id)
	]);
	return { operation: { id: operation.id, timezone: operation.timezone }, board, pods, locations };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		const input = formObject(await request.formData(), ['amenities']);
		const values = safeValues(input);
		const parsed = validate(podSchema, input);
		const amenities = input.amenities as string[];
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, amenities });
		try {
			const pod = await createPod(user, { operationId: operation.id, ...parsed.data });
			return { created: pod.name };
		} catch (error) {
			return failWith(error, values, { amenities });
		}
	}
} satisfies Actions;
