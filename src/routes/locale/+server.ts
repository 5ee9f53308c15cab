import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { formObject, validate } from '$lib/schemas/forms';
import { localeSchema } from '$lib/schemas/auth';
import { setLocale } from '$lib/server/auth/accounts';
import { safeRedirectPath } from '$lib/server/auth/cookies';
import type { RequestHandler } from './$types';

/** The language switcher posts here; the choice is kept in a cookie and on the account. */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const parsed = validate(localeSchema, formObject(await request.formData()));
	const back = parsed.ok ? safeRedirectPath(parsed.data.redirectTo, url.origin) : null;
	if (parsed.ok) {
		// Readable by the page's script: Paraglide reads the locale from it in the browser.
		cookies.set(cookieName, parsed.data.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		if (locals.user) await setLocale(locals.user.id, parsed.data.locale);
	}
	redirect(303, back ?? '/');
};
