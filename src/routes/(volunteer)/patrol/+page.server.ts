import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { checkInSchema, endPatrolSchema, startPatrolSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { readCheckpointToken } from '$lib/server/operations/checkpoint-token';
import { recordCheckIn } from '$lib/server/patrols/check-ins';
import { endPatrol, startPatrol } from '$lib/server/patrols/patrols';
import { patrolViewFor } from '$lib/server/patrols/view';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	const view = await patrolViewFor(user.id);
	const scanned = url.searchParams.get('scan');
	const claim = scanned ? readCheckpointToken(scanned) : null;
	return {
		view,
		// For forms sent without JavaScript: one id per rendered form, so a double tap stores once.
		formId: randomUUID(),
		scan: scanned
			? {
					token: scanned,
					valid: claim !== null,
					checkpoint: view.codes.find((c) => c.checkpointId === claim?.c) ?? null
				}
			: null
	};
}) satisfies PageServerLoad;

async function act(
	request: Request,
	schema: typeof startPatrolSchema | typeof checkInSchema | typeof endPatrolSchema,
	work: (userId: string, input: never) => Promise<unknown>
) {
	const user = requireArea('volunteer');
	const input = formObject(await request.formData());
	const parsed = validate(schema, input);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: safeValues(input) });
	try {
		await work(user.id, parsed.data as never);
	} catch (error) {
		return failWith(error, safeValues(input));
	}
	redirect(303, '/patrol');
}

export const actions = {
	start: ({ request }) => act(request, startPatrolSchema, startPatrol),
	checkin: ({ request }) => act(request, checkInSchema, recordCheckIn),
	end: ({ request }) => act(request, endPatrolSchema, endPatrol)
} satisfies Actions;
