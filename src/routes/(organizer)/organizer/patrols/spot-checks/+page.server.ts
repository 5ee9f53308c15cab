import * as v from 'valibot';
import { spotCheckSettingsSchema } from '$lib/schemas/coverage';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { currentOperationOf } from '$lib/server/operations/access';
import { listSpotChecks, saveSpotCheckSettings } from '$lib/server/patrols/spot-checks';
import type { Actions, PageServerLoad } from './$types';

const query = v.object({
	zone: v.optional(v.pipe(v.string(), v.maxLength(64))),
	person: v.optional(v.pipe(v.string(), v.maxLength(64))),
	shift: v.optional(v.pipe(v.string(), v.maxLength(64)))
});

export const load = (async ({ url, depends }) => {
	const user = requireArea('organizer');
	depends('patrols:board');
	const operation = await currentOperationOf(user);
	const parsed = v.safeParse(query, Object.fromEntries(url.searchParams));
	const filter = parsed.success ? parsed.output : {};
	if (!operation) return { operation: null, list: null, filter };
	const list = await listSpotChecks(operation.id, {
		zoneId: filter.zone || undefined,
		userId: filter.person || undefined,
		shiftId: filter.shift || undefined
	});
	return {
		operation: {
			id: operation.id,
			name: operation.name,
			timezone: operation.timezone,
			randomSpotChecks: operation.randomSpotChecks,
			spotCheckMinutes: operation.spotCheckMinutes
		},
		list,
		filter
	};
}) satisfies PageServerLoad;

export const actions = {
	settings: operationAction({
		form: 'settings',
		area: 'organizer',
		schema: spotCheckSettingsSchema,
		run: ({ user, operation, data }) => saveSpotCheckSettings(user.id, operation.id, data)
	})
} satisfies Actions;
