import type * as v from 'valibot';
import { adjustedPlaceField } from '$lib/logistics/movements';
import { correctionSchema, movementSchema } from '$lib/schemas/logistics';
import { DomainError, toDomainError } from '$lib/server/errors';
import { operationAction } from '$lib/server/forms';
import { listItems } from '$lib/server/logistics/items';
import { correctMovement, moveStock, type MovementInput } from '$lib/server/logistics/ledger';
import { listLocations } from '$lib/server/logistics/locations';
import { recentMovements } from '$lib/server/logistics/overview';
import { logisticsContext } from '../context.server';
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
	move: operationAction({
		form: 'move',
		area: 'logistics',
		schema: movementSchema,
		run: async ({ user, data, operation }) => {
			try {
				await moveStock(user, toMovement(operation.id, data));
			} catch (caught) {
				// A recount's location arrives as postId; show its error under the field people used.
				const error = toDomainError(caught);
				if (
					error.options.field === 'postId' &&
					(data.kind === 'ADJUSTED_UP' || data.kind === 'ADJUSTED_DOWN')
				)
					throw new DomainError(error.code, { ...error.options, field: adjustedPlaceField(data.kind) });
				throw error;
			}
			return { kind: data.kind };
		}
	}),
	correct: operationAction({
		form: 'correct',
		area: 'logistics',
		schema: correctionSchema,
		run: async ({ user, data, operation }) => {
			await correctMovement(user, { movementId: data.id, reason: data.reason, operationId: operation.id });
			return { id: data.id };
		}
	})
} satisfies Actions;
