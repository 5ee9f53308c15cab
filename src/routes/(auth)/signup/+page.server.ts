import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { signUpSchema } from '$lib/schemas/auth';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { signUp } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { DomainError } from '$lib/server/errors';
import { failWith } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (locals.user) redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies }) => {
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(signUpSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });

		let user;
		try {
			user = await signUp({ ...parsed.data, locale: getLocale() });
		} catch (error) {
			// An existing account: offer to sign in with that address instead.
			return failWith(error, values, {
				existing: error instanceof DomainError && error.code === 'email_taken'
			});
		}
		await startSession(cookies, user.id);
		redirect(303, '/status');
	}
} satisfies Actions;
