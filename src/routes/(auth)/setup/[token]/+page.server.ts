// The first administrator of an installation started with REDBAND_DEMO=off, from the one-time link
// the start script printed (server/auth/setup.ts).
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { email, newPassword, personName } from '$lib/schemas/auth';
import { startSession } from '$lib/server/auth/cookies';
import { checkSetupToken, createFirstAdmin } from '$lib/server/auth/setup';
import { publicAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const firstAdminSchema = v.pipe(
	v.object({ name: personName, email, password: newPassword, confirm: v.string() }),
	v.forward(
		v.check(
			(input) => input.password === input.confirm,
			() => m.error_password_mismatch()
		),
		['confirm']
	)
);

export const load = (async ({ params }) => {
	try {
		await checkSetupToken(params.token);
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	// The one-time token is the only credential: createFirstAdmin checks it.
	default: publicAction({
		form: 'setup',
		schema: firstAdminSchema,
		run: async ({ data, event: { params, cookies } }) => {
			const user = await createFirstAdmin(params.token!, data);
			await startSession(cookies, user.id);
			redirect(303, '/organizer');
		}
	})
} satisfies Actions;
