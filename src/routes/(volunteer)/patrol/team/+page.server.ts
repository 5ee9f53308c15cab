import { requireArea } from '$lib/server/auth/guards';
import { teamView } from '$lib/server/patrols/team';
import type { PageServerLoad } from './$types';

export const load = (async ({ depends }) => {
	// Leader rights cover the shifts this person leads, and the view shows only those.
	const user = requireArea('volunteer');
	depends('patrols:team');
	return { shifts: await teamView(user.id) };
}) satisfies PageServerLoad;
