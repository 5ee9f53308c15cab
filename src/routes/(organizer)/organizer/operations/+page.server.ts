import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { createOperation, listOperations } from '$lib/server/operations/setup';
import { failFor, operationInput, operationSchema, readForm } from './forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	requireArea('organizer');
	return { operations: await listOperations() };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, operationSchema);
		if (form.failure) return form.failure;
		let id;
		try {
			id = (await createOperation(actor.id, operationInput(form.data))).id;
		} catch (caught) {
			return failFor('operation', caught);
		}
		redirect(303, `/organizer/operations/${id}`);
	}
} satisfies Actions;
