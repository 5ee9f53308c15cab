import { requireArea } from '$lib/server/auth/guards';
import { listBroadcasts } from '$lib/server/notify';
import { pickOperation } from '$lib/server/operations/operations';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	const operation = await pickOperation(url.searchParams.get('operation'));
	if (!operation) return { operation: null, broadcasts: [] };
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		broadcasts: await listBroadcasts(actor, operation.id)
	};
}) satisfies PageServerLoad;
