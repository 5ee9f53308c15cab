import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import { setPasswordSchema } from '$lib/schemas/auth';
import { startSessionIn } from '$lib/server/auth/cookies';
import { acceptWelcomeLink, openWelcomeLink } from '$lib/server/auth/welcome';
import { publicAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
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
	// The link's token is the only credential: acceptWelcomeLink checks it.
	default: publicAction({
		form: 'welcome',
		schema: setPasswordSchema,
		run: async ({ data, event: { params, cookies } }) => {
			const user = await acceptWelcomeLink(params.token!, data.password);
			await startSessionIn(cookies, user);
			redirect(303, user.status === 'ACTIVE' ? homeFor(user.role) : '/status');
		}
	})
} satisfies Actions;
