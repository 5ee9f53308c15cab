import { itemSchema, thresholdSchema } from '$lib/schemas/logistics';
import { operationAction } from '$lib/server/forms';
import { createItem, listItems, listThresholds, setThreshold } from '$lib/server/logistics/items';
import { listLocations } from '$lib/server/logistics/locations';
import { logisticsContext } from '../context.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const { operation } = await logisticsContext();
	if (!operation) return { operation: null, items: [], locations: [], thresholds: [] };
	const [items, locations, thresholds] = await Promise.all([
		listItems(operation.id),
		listLocations(operation.id),
		listThresholds(operation.id)
	]);
	return { operation: { id: operation.id }, items, locations, thresholds };
}) satisfies PageServerLoad;

// The working operation's items; setThreshold checks the item and the place are of it.
export const actions = {
	item: operationAction({
		form: 'item',
		area: 'logistics',
		schema: itemSchema,
		run: async ({ user, data, operation }) => {
			const item = await createItem(user, {
				operationId: operation.id,
				...data,
				isMeal: data.isMeal === 'on'
			});
			return { created: item.name };
		}
	}),
	threshold: operationAction({
		form: 'threshold',
		area: 'logistics',
		schema: thresholdSchema,
		run: async ({ user, data, operation }) => {
			await setThreshold(user, { operationId: operation.id, ...data });
		}
	})
} satisfies Actions;
