import { requireArea } from '$lib/server/auth/guards';
import { notEaten } from '$lib/server/logistics/meals';
import { currentOperation } from '$lib/server/operations/operations';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	requireArea('organizer');
	const operation = await currentOperation();
	if (!operation) return { operation: null, shifts: [] };
	return {
		operation: { timezone: operation.timezone, name: operation.name },
		shifts: await notEaten(operation.id)
	};
}) satisfies PageServerLoad;
