import { fail, redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { homeFor } from '$lib/roles';
import { setPasswordSchema } from '$lib/schemas/auth';
import { formObject, validate } from '$lib/schemas/forms';
import { startSession } from '$lib/server/auth/cookies';
import { acceptWelcomeLink, openWelcomeLink } from '$lib/server/auth/welcome';
import { failWith, type FormFailure, pageError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	try {
		const person = await openWelcomeLink(params.token);
		return { name: person.name, email: person.email };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, params, cookies }) => {
		const parsed = validate(setPasswordSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors } as FormFailure);
		let user;
		try {
			user = await acceptWelcomeLink(params.token, parsed.data.password);
		} catch (caught) {
			return failWith(caught);
		}
		await startSession(cookies, user.id);
		cookies.set(cookieName, user.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		redirect(303, user.status === 'ACTIVE' ? homeFor(user.role) : '/status');
	}
} satisfies Actions;
