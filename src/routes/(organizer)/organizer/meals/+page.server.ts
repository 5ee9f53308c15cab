import { requireArea } from '$lib/server/auth/guards';
import { notEaten } from '$lib/server/logistics/meals';
import { currentOperationOf } from '$lib/server/operations/access';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('organizer');
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, shifts: [] };
	return {
		operation: { timezone: operation.timezone, name: operation.name },
		shifts: await notEaten(operation.id)
	};
}) satisfies PageServerLoad;
