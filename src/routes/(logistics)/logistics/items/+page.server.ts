import { fail } from '@sveltejs/kit';
import { itemSchema, thresholdSchema } from '$lib/schemas/logistics';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { failWith } from '$lib/server/http';
import { createItem, listItems, listThresholds, setThreshold } from '$lib/server/logistics/items';
import { listLocations } from '$lib/server/logistics/locations';
import { logisticsAction, logisticsContext } from '../context.server';
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

export const actions = {
	item: async ({ request }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(itemSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, form: 'item' as const });
		try {
			const item = await createItem(user, {
				operationId: operation.id,
				...parsed.data,
				isMeal: parsed.data.isMeal === 'on'
			});
			return { created: item.name };
		} catch (error) {
			return failWith(error, values, { form: 'item' as const });
		}
	},
	threshold: async ({ request }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(thresholdSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, form: 'threshold' as const });
		try {
			await setThreshold(user, { operationId: operation.id, ...parsed.data });
		} catch (error) {
			return failWith(error, values, { form: 'threshold' as const });
		}
		return { thresholdSet: true };
	}
} satisfies Actions;
