import { operationChoicesFor } from '$lib/server/operations/access';
import { briefingFor } from './period.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const { user, view } = await briefingFor(url);
	return { view, operations: await operationChoicesFor(user) };
}) satisfies PageServerLoad;
