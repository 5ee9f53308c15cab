import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { serveByBadge, servableShifts } from '$lib/server/logistics/meals';
import { currentOperationOf } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, shifts: [] };
	return {
		operation: { id: operation.id, timezone: operation.timezone },
		shifts: await servableShifts(user, operation.id)
	};
}) satisfies PageServerLoad;

const scanSchema = v.object({
	badge: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_meal_badge_invalid())
	)
});

export const actions = {
	scan: operationAction({
		form: 'scan',
		area: 'volunteer',
		schema: scanSchema,
		run: async ({ user, data, operation }) => {
			const person = await serveByBadge(user, { badge: data.badge, operationId: operation.id });
			return { served: person.name };
		}
	})
} satisfies Actions;
