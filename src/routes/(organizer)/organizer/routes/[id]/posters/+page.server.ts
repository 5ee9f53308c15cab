import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { checkpointPosters } from '$lib/server/operations/posters';
import { routeDetail } from '$lib/server/operations/setup';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	requireArea('organizer');
	try {
		const route = await routeDetail(params.id);
		return {
			route: { id: route.id, name: route.name, zone: route.zone.name, operation: route.operation.name },
			posters: await checkpointPosters(url.origin, route.checkpoints)
		};
	} catch (caught) {
		if (caught instanceof DomainError) error(404, caught.message);
		throw caught;
	}
}) satisfies PageServerLoad;
