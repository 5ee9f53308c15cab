import { recordId } from '$lib/schemas/forms';
import { batchSchema, SHIFT_ARRAYS, placeIds } from '$lib/schemas/rostering';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { placeChoices } from '$lib/server/operations/operations';
import { createBatch, listBatches, undoBatch } from '$lib/server/shifts/bulk';
import { addDays, zonedDate } from '$lib/time';
import { batchInput, operationInAddress, shiftsOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const operation = await shiftsOperation(requireArea('organizer'), url);
	const today = zonedDate(new Date(), operation.timezone);
	return {
		operation: { id: operation.id, name: operation.name },
		places: await placeChoices(operation.id),
		batches: await listBatches(operation.id),
		values: {
			fromDate: today,
			toDate: addDays(today, 2),
			startTime: '08:00',
			endTime: '12:00',
			headcount: '4'
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	create: operationAction({
		form: 'batch',
		area: 'organizer',
		schema: batchSchema,
		arrays: SHIFT_ARRAYS,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => {
			const places = await placeChoices(operation.id);
			const { routeId, postId } = placeIds(data.place);
			const placeName =
				places.routes.find((r) => r.id === routeId)?.name ??
				places.posts.find((p) => p.id === postId)?.name ??
				'';
			const label = `${placeName} ${data.startTime}–${data.endTime} ×${data.headcount} (${data.fromDate} → ${data.toDate})`;
			const { created } = await createBatch(user.id, operation.id, batchInput(data, label));
			return { created };
		}
	}),
	// The hidden `id` is the batch, checked to be of this operation.
	undo: operationAction({
		form: 'undo',
		area: 'organizer',
		schema: recordId,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => ({
			id: data.id,
			undone: await undoBatch(user.id, data.id, new Date(), operation.id)
		})
	})
} satisfies Actions;
