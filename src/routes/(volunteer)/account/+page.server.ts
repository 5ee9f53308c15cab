import { fail } from '@sveltejs/kit';
import { changePasswordSchema } from '$lib/schemas/auth';
import { formObject, validate } from '$lib/schemas/forms';
import { changePassword } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => {
	const user = requireUser();
	return { account: { name: user.name, email: user.email, role: user.role } };
}) satisfies PageServerLoad;

export const actions = {
	password: async ({ request, cookies }) => {
		const user = requireUser();
		const parsed = validate(changePasswordSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { password: { errors: parsed.errors } });
		try {
			await changePassword(user.id, parsed.data.current, parsed.data.password);
		} catch (error) {
			const failure = failWith(error);
			return fail(failure.status, { password: failure.data });
		}
		// Every session ended, this one too; the person changing it stays signed in here.
		await startSession(cookies, user.id);
		return { password: { changed: true } };
	}
} satisfies Actions;
