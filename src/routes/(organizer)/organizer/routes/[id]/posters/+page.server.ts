import { requireArea } from '$lib/server/auth/guards';
import { checkpointPosters } from '$lib/server/operations/posters';
import { routeDetail } from '$lib/server/operations/setup';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

export const load = (async ({ params, url }) => {
	requireArea('organizer');
	try {
		const route = await routeDetail(params.id);
		return {
			route: { id: route.id, name: route.name, zone: route.zone.name, operation: route.operation.name },
			posters: await checkpointPosters(url.origin, route.checkpoints)
		};
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;
