import { requireArea } from '$lib/server/auth/guards';
import { routeCheckpoints } from '$lib/server/operations/operations';
import { upcomingShiftsFor } from '$lib/server/shifts/mine';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const shifts = await upcomingShiftsFor(user.id);
	const nextRoute = shifts[0]?.route;
	return {
		name: user.name,
		shifts,
		checkpoints: nextRoute ? await routeCheckpoints(nextRoute.id) : []
	};
}) satisfies PageServerLoad;
