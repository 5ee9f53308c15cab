import { fail, redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { homeFor } from '$lib/roles';
import { loginSchema } from '$lib/schemas/auth';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { authenticate } from '$lib/server/auth/accounts';
import { safeRedirectPath, startSession } from '$lib/server/auth/cookies';
import { failWith } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (locals.user) redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(loginSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });

		let user;
		try {
			user = await authenticate(parsed.data.email, parsed.data.password, getClientAddress());
		} catch (error) {
			return failWith(error, values);
		}
		await startSession(cookies, user.id);
		cookies.set(cookieName, user.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		if (user.status !== 'ACTIVE') redirect(303, '/status');
		redirect(303, safeRedirectPath(url.searchParams.get('next')) ?? homeFor(user.role));
	}
} satisfies Actions;
