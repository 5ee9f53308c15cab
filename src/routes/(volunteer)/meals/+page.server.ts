import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { serveByBadge, servableShifts } from '$lib/server/logistics/meals';
import { currentOperation } from '$lib/server/operations/operations';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const operation = await currentOperation();
	if (!operation) return { operation: null, shifts: [] };
	return {
		operation: { id: operation.id, timezone: operation.timezone },
		shifts: await servableShifts(user, operation.id)
	};
}) satisfies PageServerLoad;

const scanSchema = v.object({ badge: v.pipe(v.string(), v.trim(), v.nonEmpty()) });

export const actions = {
	scan: async ({ request }) => {
		const user = requireArea('volunteer');
		const operation = await currentOperation();
		const parsed = validate(scanSchema, formObject(await request.formData()));
		if (!operation) return fail(404, { message: m.organizer_no_operation() });
		if (!parsed.ok) return fail(400, { message: m.error_meal_badge_invalid() });
		try {
			const person = await serveByBadge(user, { badge: parsed.data.badge, operationId: operation.id });
			return { served: person.name };
		} catch (error) {
			return failWith(error);
		}
	}
} satisfies Actions;
