import { redirect } from '@sveltejs/kit';
import { SHIFT_ARRAYS, shiftSchema } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { placeChoices } from '$lib/server/operations/operations';
import { createShift } from '$lib/server/shifts/shifts';
import { zonedDate } from '$lib/time';
import { operationInAddress, shiftInput, shiftsOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const operation = await shiftsOperation(requireArea('organizer'), url);
	return {
		operation: { id: operation.id, name: operation.name },
		places: await placeChoices(operation.id),
		values: {
			place: url.searchParams.get('place') ?? '',
			date: url.searchParams.get('date') ?? zonedDate(new Date(), operation.timezone),
			startTime: '08:00',
			endTime: '12:00',
			headcount: '4'
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: operationAction({
		form: 'shift',
		area: 'organizer',
		schema: shiftSchema,
		arrays: SHIFT_ARRAYS,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => {
			const { id } = await createShift(user.id, operation.id, shiftInput(data, operation.timezone));
			redirect(303, `/organizer/shifts/${id}`);
		}
	})
} satisfies Actions;
