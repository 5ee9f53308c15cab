import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import { loginSchema } from '$lib/schemas/auth';
import { authenticate } from '$lib/server/auth/accounts';
import { safeRedirectPath, startSessionIn } from '$lib/server/auth/cookies';
import { publicAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (locals.user) redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	default: publicAction({
		form: 'login',
		schema: loginSchema,
		run: async ({ data, event: { cookies, url, getClientAddress } }) => {
			const user = await authenticate(data.email, data.password, getClientAddress());
			await startSessionIn(cookies, user);
			if (user.status !== 'ACTIVE') redirect(303, '/status');
			redirect(303, safeRedirectPath(url.searchParams.get('next'), url.origin) ?? homeFor(user.role));
		}
	})
} satisfies Actions;
