import { fail } from '@sveltejs/kit';
import type * as v from 'valibot';
import { correctionSchema, movementSchema } from '$lib/schemas/logistics';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { failWith } from '$lib/server/http';
import { listItems } from '$lib/server/logistics/items';
import { correctMovement, moveStock, type MovementInput } from '$lib/server/logistics/ledger';
import { listLocations } from '$lib/server/logistics/locations';
import { recentMovements } from '$lib/server/logistics/overview';
import { logisticsAction, logisticsContext } from '../context.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const { operation } = await logisticsContext();
	if (!operation) return { operation: null, items: [], locations: [], movements: [] };
	const [items, locations, movements] = await Promise.all([
		listItems(operation.id),
		listLocations(operation.id),
		recentMovements(operation.id, 60)
	]);
	return { operation: { id: operation.id, timezone: operation.timezone }, items, locations, movements };
}) satisfies PageServerLoad;

/** The form's six choices as the ledger's five kinds of movement. */
function toMovement(operationId: string, data: v.InferOutput<typeof movementSchema>): MovementInput {
	const base = { operationId, itemId: data.itemId, quantity: data.quantity, reason: data.reason };
	switch (data.kind) {
		case 'RECEIVED':
			return {
				...base,
				kind: 'RECEIVED',
				toPostId: data.toPostId,
				bestBefore: data.bestBefore,
				supplier: data.supplier
			};
		case 'TRANSFER':
			return { ...base, kind: 'TRANSFER', fromPostId: data.fromPostId, toPostId: data.toPostId };
		case 'ISSUED':
		case 'WASTED':
			return { ...base, kind: data.kind, fromPostId: data.fromPostId };
		case 'ADJUSTED_UP':
			return {
				...base,
				kind: 'ADJUSTED',
				direction: 'UP',
				postId: data.toPostId,
				bestBefore: data.bestBefore
			};
		case 'ADJUSTED_DOWN':
			return { ...base, kind: 'ADJUSTED', direction: 'DOWN', postId: data.fromPostId };
	}
}

export const actions = {
	move: async ({ request }) => {
		const { user, operation, failure } = await logisticsAction();
		if (failure) return failure;
		const input = formObject(await request.formData());
		const values = safeValues(input);
		const parsed = validate(movementSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, form: 'move' as const });
		const movement = toMovement(operation.id, parsed.data);
		try {
			await moveStock(user, movement);
		} catch (error) {
			const failed = failWith(error, values);
			// The adjustment's location arrives as postId; show its error under the field people used.
			const errors = { ...failed.data.errors };
			if (errors.postId)
				errors[parsed.data.kind === 'ADJUSTED_UP' ? 'toPostId' : 'fromPostId'] = errors.postId;
			return fail(failed.status, { ...failed.data, errors, form: 'move' as const });
		}
		return { moved: { kind: parsed.data.kind } };
	},
	correct: async ({ request }) => {
		const { user, failure } = await logisticsAction();
		if (failure) return failure;
		const parsed = validate(correctionSchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, form: 'correct' as const, movementId: '' });
		try {
			await correctMovement(user, parsed.data);
		} catch (error) {
			return failWith(error, undefined, { form: 'correct' as const, movementId: parsed.data.movementId });
		}
		return { corrected: parsed.data.movementId };
	}
} satisfies Actions;
