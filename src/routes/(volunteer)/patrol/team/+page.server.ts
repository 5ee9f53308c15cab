import { requireArea } from '$lib/server/auth/guards';
import { handlingActions } from '$lib/server/patrols/handling-actions';
import { teamView } from '$lib/server/patrols/team';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ depends }) => {
	// Leader rights cover the shifts this person leads, and the view shows only those.
	const user = requireArea('volunteer');
	depends('patrols:team');
	return { shifts: await teamView(user.id) };
}) satisfies PageServerLoad;

// Alerts, doubtful check-ins, spot checks and blind spots of the shifts this person leads
// (checked per record).
export const actions = { ...handlingActions('volunteer') } satisfies Actions;
