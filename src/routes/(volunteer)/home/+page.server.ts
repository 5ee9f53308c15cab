import { requireArea } from '$lib/server/auth/guards';
import { upcomingShiftsFor } from '$lib/server/shifts/mine';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return { name: user.name, shifts: await upcomingShiftsFor(user.id) };
}) satisfies PageServerLoad;
