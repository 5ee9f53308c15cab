import { LOST_FOUND_KINDS } from '$lib/schemas/guests';
import { requireArea } from '$lib/server/auth/guards';
import { listItems } from '$lib/server/guests/lost-found';
import { currentOperationOf } from '$lib/server/operations/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
	const wanted = url.searchParams.get('kind');
	const kind = LOST_FOUND_KINDS.find((k) => k === wanted);
	if (!operation) return { operation: null, kind, items: [] };
	return {
		operation: { id: operation.id, timezone: operation.timezone },
		kind,
		items: await listItems(operation.id, kind ? { kind } : {})
	};
}) satisfies PageServerLoad;
