import { armbandSchema } from '$lib/schemas/guests';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { requestsFor } from '$lib/server/guests/help';
import { currentOperationOf } from '$lib/server/operations/access';
import { armbandOf, setArmband } from '$lib/server/volunteers/profile';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const [operation, armband] = await Promise.all([currentOperationOf(user), armbandOf(user.id)]);
	if (!operation) return { operation: null, requests: [], liveEvents: [], armband, userId: user.id };
	const { zones, requests } = await requestsFor(user, operation.id);
	return {
		operation: { id: operation.id, timezone: operation.timezone },
		requests,
		// The event names guests/live sends for these zones.
		liveEvents: zones === 'all' ? ['changed'] : zones.map((zoneId) => `zone-${zoneId}`),
		armband,
		userId: user.id
	};
}) satisfies PageServerLoad;

export const actions = {
	armband: formAction({
		area: 'volunteer',
		form: 'armband',
		schema: armbandSchema,
		run: ({ user, data }) => setArmband(user.id, data.armband ?? null)
	})
} satisfies Actions;
