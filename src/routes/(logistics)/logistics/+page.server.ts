import { requireArea } from '$lib/server/auth/guards';
import { currentOperation, listPosts } from '$lib/server/operations/operations';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	requireArea('logistics');
	const operation = await currentOperation();
	return {
		operation: operation && { name: operation.name },
		posts: operation ? await listPosts(operation.id) : []
	};
}) satisfies PageServerLoad;
