// The guest's language choice, shared by every guest page's `language` action, kept in the guest
// runtime's own cookie (vite.config.ts).
import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide-guest/runtime';
import { guestLanguageSchema } from '$lib/schemas/guests';
import { guestAction } from '$lib/server/forms';
import { hit } from '$lib/server/guests/limits';
import { addressKey } from '$lib/server/guests/secrets';

export const languageAction = guestAction({
	form: 'language',
	schema: guestLanguageSchema,
	maxBytes: 1024,
	run: async ({ data, event, address }) => {
		await hit('writesPerAddress', addressKey(address));
		event.cookies.set(cookieName, data.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		redirect(303, event.url.pathname);
	}
});
