import { changePasswordSchema } from '$lib/schemas/auth';
import { changePassword } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => {
	const user = requireUser();
	return { account: { name: user.name, email: user.email, role: user.role } };
}) satisfies PageServerLoad;

export const actions = {
	password: formAction({
		form: 'password',
		// Every signed-in role has an account page.
		area: 'volunteer',
		schema: changePasswordSchema,
		run: async ({ user, data, event: { cookies, getClientAddress } }) => {
			await changePassword(user.id, data.current, data.password, getClientAddress());
			// Every session ended, this one too; the person changing it stays signed in here.
			await startSession(cookies, user.id);
		}
	})
} satisfies Actions;
