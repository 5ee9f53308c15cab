import { error } from '@sveltejs/kit';
import { errorText } from '$lib/i18n';
import { alertAnswerSchema, alertResolveSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { alertTimeline } from '$lib/server/alerts/alerts';
import { answerAlert, resolveSos, responderView } from '$lib/server/alerts/sos';
import { DomainError } from '$lib/server/errors';
import { requestPageFor } from '$lib/server/guests/help';
import { formAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** An alert for someone who may answer it (an SOS's responders, leaders, organizers): one tap each. */
export const load = (async ({ params, depends }) => {
	const user = requireArea('volunteer');
	depends('alert:one');
	let found;
	try {
		found = await alertTimeline(user, params.id);
	} catch (caught) {
		if (caught instanceof DomainError) error(404, errorText(caught.code));
		throw caught;
	}
	return { ...(await responderView(user, found)), request: await requestPageFor(user, found.alert) };
}) satisfies PageServerLoad;

export const actions = {
	onMyWay: formAction({
		form: 'answer',
		area: 'volunteer',
		schema: alertAnswerSchema,
		run: async ({ user, data }) => {
			await answerAlert(user, data.id, 'on_my_way');
		}
	}),
	withThem: formAction({
		form: 'answer',
		area: 'volunteer',
		schema: alertAnswerSchema,
		run: async ({ user, data }) => {
			await answerAlert(user, data.id, 'with_them');
		}
	}),
	resolve: formAction({
		form: 'resolve',
		area: 'volunteer',
		schema: alertResolveSchema,
		run: async ({ user, data }) => {
			await resolveSos(user, data.id, data.note);
		}
	})
} satisfies Actions;
