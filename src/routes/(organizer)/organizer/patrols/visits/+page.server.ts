import { requireArea } from '$lib/server/auth/guards';
import { currentOperationOf } from '$lib/server/operations/access';
import { handlingActions } from '$lib/server/patrols/handling-actions';
import { visitMap } from '$lib/server/patrols/visits';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ depends }) => {
	const user = requireArea('organizer');
	depends('patrols:visits');
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, visits: null };
	const visits = await visitMap(operation.id);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		visits: {
			...visits,
			blindSpots: visits.blindSpots.slice(0, 100),
			blindSpotCount: visits.blindSpots.length
		}
	};
}) satisfies PageServerLoad;

// "Send someone" checks per checkpoint that the organizer works on its operation.
export const actions = { send: handlingActions('organizer').send } satisfies Actions;
