import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { expiringStock, setMealDepot, setShelfLife, writeOffExpired } from '$lib/server/logistics/fresh';
import { listItems } from '$lib/server/logistics/items';
import { listDepots } from '$lib/server/logistics/locations';
import { currentOperationOf } from '$lib/server/operations/access';
import { mealDepotSchema, shelfLifeSchema, writeOffSchema } from '$lib/schemas/briefing';
import type { Actions, PageServerLoad } from './$types';

/** What expires within this many hours is listed. */
const HORIZON_HOURS = 6;

export const load = (async ({ depends }) => {
	depends('logistics:fresh');
	const user = requireArea('logistics');
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, lots: [], items: [], depots: [], horizon: HORIZON_HOURS };
	const [lots, items, depots] = await Promise.all([
		expiringStock(operation.id, new Date(), HORIZON_HOURS),
		listItems(operation.id),
		listDepots(operation.id)
	]);
	return {
		operation: {
			id: operation.id,
			name: operation.name,
			timezone: operation.timezone,
			mealDepotId: operation.mealDepotId
		},
		lots,
		items,
		depots,
		horizon: HORIZON_HOURS,
		keepsMeals: items.some((item) => item.isMeal)
	};
}) satisfies PageServerLoad;

// Every action works on the person's working operation (the one this page shows).
export const actions = {
	writeOff: operationAction({
		area: 'logistics',
		form: 'writeOff',
		schema: writeOffSchema,
		run: async ({ user, operation, data }) => {
			await writeOffExpired(user, { operationId: operation.id, ...data });
			return { id: `${data.itemId}:${data.postId}:${data.lot}` };
		}
	}),
	shelfLife: operationAction({
		area: 'logistics',
		form: 'shelfLife',
		schema: shelfLifeSchema,
		run: ({ user, operation, data }) =>
			setShelfLife(user, { operationId: operation.id, itemId: data.itemId, hours: data.hours })
	}),
	mealDepot: operationAction({
		area: 'logistics',
		form: 'mealDepot',
		schema: mealDepotSchema,
		run: ({ user, operation, data }) => setMealDepot(user, { operationId: operation.id, postId: data.postId })
	})
} satisfies Actions;
