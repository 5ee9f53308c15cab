import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { reportSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { patrolViewFor } from '$lib/server/patrols/view';
import { fileReport } from '$lib/server/reports/reports';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return { view: await patrolViewFor(user.id), formId: randomUUID() };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request }) => {
		const user = requireArea('volunteer');
		const { photo, ...input } = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(reportSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		try {
			const bytes =
				photo instanceof File && photo.size > 0 ? new Uint8Array(await photo.arrayBuffer()) : null;
			await fileReport(user.id, parsed.data, bytes && { bytes });
		} catch (error) {
			return failWith(error, values);
		}
		redirect(303, '/patrol?reported=1');
	}
} satisfies Actions;
