import { requireArea } from '$lib/server/auth/guards';
import { routeCheckpoints } from '$lib/server/operations/operations';
import { hoursServed, upcomingShiftsFor, waitlistedShiftsFor } from '$lib/server/shifts/mine';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	const [shifts, served, waitlisted] = await Promise.all([
		upcomingShiftsFor(user.id),
		hoursServed(user.id),
		waitlistedShiftsFor(user.id)
	]);
	const nextRoute = shifts[0]?.route;
	return {
		name: user.name,
		shifts,
		served,
		waitlisted,
		checkpoints: nextRoute ? await routeCheckpoints(nextRoute.id) : []
	};
}) satisfies PageServerLoad;
