import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { reportSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { patrolViewFor } from '$lib/server/patrols/view';
import { fileReport } from '$lib/server/reports/reports';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return { view: await patrolViewFor(user.id), formId: randomUUID() };
}) satisfies PageServerLoad;

export const actions = {
	default: formAction({
		form: 'report',
		area: 'volunteer',
		schema: reportSchema,
		run: async ({ user, data, input }) => {
			const { photo } = input;
			const bytes =
				photo instanceof File && photo.size > 0 ? new Uint8Array(await photo.arrayBuffer()) : null;
			await fileReport(user.id, data, bytes && { bytes });
			redirect(303, '/patrol?reported=1');
		}
	})
} satisfies Actions;
