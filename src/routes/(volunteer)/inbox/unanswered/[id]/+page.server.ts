import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { unansweredTeam } from '$lib/server/notify/follow-up';
import type { PageServerLoad } from './$types';

/** A shift leader's list of their team who have not acknowledged a broadcast, to call them. */
export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	// Only a leader of a shift in the broadcast's operation sees it, and only their own people.
	const team = await unansweredTeam(user.id, params.id);
	if (!team) error(404, m.error_notice_not_found());
	return {
		broadcast: { id: team.broadcast.id, title: team.broadcast.title, body: team.broadcast.body },
		people: team.people
	};
}) satisfies PageServerLoad;
