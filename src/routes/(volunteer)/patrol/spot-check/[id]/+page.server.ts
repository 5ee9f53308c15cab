import { redirect } from '@sveltejs/kit';
import { declineSpotCheckSchema } from '$lib/schemas/coverage';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { declineSpotCheck, mySpotCheck } from '$lib/server/patrols/spot-checks';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		return { spotCheck: await mySpotCheck(user.id, params.id) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	decline: formAction({
		form: 'decline',
		area: 'volunteer',
		schema: declineSpotCheckSchema,
		run: async ({ user, data }) => {
			await declineSpotCheck(user.id, data.id, data.reason);
			redirect(303, '/patrol');
		}
	})
} satisfies Actions;
