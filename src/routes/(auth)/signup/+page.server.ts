import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getLocale } from '$lib/paraglide/runtime';
import { signUpSchema } from '$lib/schemas/auth';
import { profileSchema } from '$lib/schemas/rostering';
import { signUp } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { publicAction } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** Sign-up also asks, optionally, what organizers weigh when approving (editable later). */
const schema = v.object({
	...signUpSchema.entries,
	birthDate: profileSchema.entries.birthDate,
	languages: profileSchema.entries.languages,
	skills: profileSchema.entries.skills
});

export const load = (({ locals }) => {
	if (locals.user) redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	// An email that has an account already fails with the code `email_taken`: the page offers to
	// sign in with it instead.
	default: publicAction({
		form: 'signup',
		schema,
		arrays: ['languages', 'skills'],
		run: async ({ data, event: { cookies, getClientAddress } }) => {
			const { birthDate, ...rest } = data;
			const user = await signUp(
				{
					...rest,
					birthDate: birthDate ? new Date(`${birthDate}T00:00:00Z`) : undefined,
					locale: getLocale()
				},
				getClientAddress()
			);
			await startSession(cookies, user.id);
			redirect(303, '/status');
		}
	})
} satisfies Actions;
