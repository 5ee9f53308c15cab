import { podSchema } from '$lib/schemas/logistics';
import { operationAction } from '$lib/server/forms';
import { listLocations } from '$lib/server/logistics/locations';
import { occupancyBoard } from '$lib/server/pods/bookings';
import { createPod, listPods } from '$lib/server/pods/pods';
import { logisticsContext } from '../context.server';
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
	create: operationAction({
		form: 'create',
		area: 'logistics',
		schema: podSchema,
		arrays: ['amenities'],
		run: async ({ user, data, operation }) => {
			const pod = await createPod(user, { operationId: operation.id, ...data });
			return { created: pod.name };
		}
	})
} satisfies Actions;
