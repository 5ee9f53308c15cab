import { error } from '@sveltejs/kit';
import { errorText } from '$lib/i18n';
import { alertAnswerSchema } from '$lib/schemas/escalation';
import { requireArea } from '$lib/server/auth/guards';
import { answerImOk, myWelfareCheck } from '$lib/server/alerts/welfare';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** "Are you OK?": the person's own welfare check, answered in one tap. */
export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		return { check: await myWelfareCheck(user.id, params.id) };
	} catch (caught) {
		if (caught instanceof DomainError) error(404, errorText(caught.code));
		throw caught;
	}
}) satisfies PageServerLoad;

export const actions = {
	ok: formAction({
		form: 'ok',
		area: 'volunteer',
		schema: alertAnswerSchema,
		run: async ({ user, data }) => {
			await answerImOk(user, data.id);
		}
	})
} satisfies Actions;
