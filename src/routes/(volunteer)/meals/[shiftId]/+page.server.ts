import { operationAction } from '$lib/server/forms';
import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { mealList, mealShiftOperation, serveMeal } from '$lib/server/logistics/meals';
import { requireOperation } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	try {
		await requireOperation(user, await mealShiftOperation(params.shiftId));
		return { shift: await mealList(user, params.shiftId) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	// The hidden `id` is the person served; the shift is the page's, of an operation the person works
	// on. serveMeal checks they lead it (or are logistics staff) and that the person is on it.
	serve: operationAction({
		form: 'serve',
		area: 'volunteer',
		operation: ({ params }) => mealShiftOperation(params.shiftId!),
		schema: recordId,
		run: async ({ user, data, event }) => {
			const person = await serveMeal(user, { shiftId: event.params.shiftId!, userId: data.id });
			return { served: person.name };
		}
	})
} satisfies Actions;
