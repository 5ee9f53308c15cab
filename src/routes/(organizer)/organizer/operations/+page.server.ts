import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { createOperation, listOperations } from '$lib/server/operations/setup';
import { operationInput, operationSchema } from './forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('organizer');
	return { operations: await listOperations(user) };
}) satisfies PageServerLoad;

export const actions = {
	create: formAction({
		area: 'organizer',
		form: 'operation',
		schema: operationSchema,
		run: async ({ user, data }) => {
			const operation = await createOperation(user.id, operationInput(data));
			redirect(303, `/organizer/operations/${operation.id}`);
		}
	})
} satisfies Actions;
