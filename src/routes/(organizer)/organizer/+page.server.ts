import { requireArea } from '$lib/server/auth/guards';
import { currentOperation, operationCounts } from '$lib/server/operations/operations';
import { countPending } from '$lib/server/volunteers/approval';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	requireArea('organizer');
	const operation = await currentOperation();
	return {
		operation: operation && {
			id: operation.id,
			name: operation.name,
			timezone: operation.timezone,
			startsAt: operation.startsAt,
			endsAt: operation.endsAt
		},
		counts: operation ? await operationCounts(operation.id) : null,
		pending: await countPending()
	};
}) satisfies PageServerLoad;
