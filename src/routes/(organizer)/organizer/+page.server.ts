import { requireArea } from '$lib/server/auth/guards';
import { currentOperationOf } from '$lib/server/operations/access';
import { operationCounts } from '$lib/server/operations/operations';
import { countPending } from '$lib/server/volunteers/approval';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('organizer');
	const operation = await currentOperationOf(user);
	return {
		operation: operation && {
			id: operation.id,
			name: operation.name,
			timezone: operation.timezone,
			startsAt: operation.startsAt,
			endsAt: operation.endsAt
		},
		counts: operation ? await operationCounts(operation.id) : null,
		pending: await countPending(user)
	};
}) satisfies PageServerLoad;
