import { requireArea } from '$lib/server/auth/guards';
import { listBroadcasts } from '$lib/server/notify';
import { pageOperation } from '../operation.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	const operation = await pageOperation(actor, url);
	if (!operation) return { operation: null, broadcasts: [] };
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		broadcasts: await listBroadcasts(actor, operation.id)
	};
}) satisfies PageServerLoad;
