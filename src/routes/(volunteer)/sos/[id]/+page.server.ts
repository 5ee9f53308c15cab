import { alertCancelSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { cancelAlert } from '$lib/server/alerts/alerts';
import { mySos, sosByPhoneId } from '$lib/server/alerts/sos';
import { formAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The caller's SOS, by the id the phone made: who is coming, and calling off a false alarm. */
export const load = (async ({ params, depends }) => {
	const user = requireArea('volunteer');
	depends('sos:mine');
	const found = await sosByPhoneId(user.id, params.id);
	// Not arrived yet (still in the phone's outbox): the page says so and looks again.
	if (!found) return { sos: null };
	return { sos: await mySos(user.id, found.id) };
}) satisfies PageServerLoad;

export const actions = {
	cancel: formAction({
		form: 'cancel',
		area: 'volunteer',
		schema: alertCancelSchema,
		run: async ({ user, data }) => {
			await cancelAlert(user, data.id, data.note ?? null);
		}
	})
} satisfies Actions;
