import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, pageError } from '$lib/server/http';
import { mealList, serveMeal } from '$lib/server/logistics/meals';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		return { shift: await mealList(user, params.shiftId) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

const serveSchema = v.object({ userId: v.pipe(v.string(), v.nonEmpty()) });

export const actions = {
	serve: async ({ request, params }) => {
		const user = requireArea('volunteer');
		const parsed = validate(serveSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			const person = await serveMeal(user, { shiftId: params.shiftId, userId: parsed.data.userId });
			return { served: person.name };
		} catch (caught) {
			return failWith(caught);
		}
	}
} satisfies Actions;
