import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { decideRequest, pendingRequests } from '$lib/server/shifts/requests';
import { requireOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	requireArea('organizer');
	const operation = await requireOperation(url);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		requests: await pendingRequests(operation.id)
	};
}) satisfies PageServerLoad;

const decision = v.object({
	requestId: v.pipe(v.string(), v.nonEmpty()),
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), '')
});

async function decide(request: Request, approve: boolean) {
	const actor = requireArea('organizer');
	const parsed = validate(decision, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors });
	try {
		await decideRequest({
			actorId: actor.id,
			requestId: parsed.data.requestId,
			approve,
			note: parsed.data.note
		});
	} catch (caught) {
		const failure = failWith(caught);
		return fail(failure.status, { ...failure.data, requestId: parsed.data.requestId });
	}
	return { decided: approve ? 'approved' : 'declined' };
}

export const actions = {
	approve: ({ request }) => decide(request, true),
	decline: ({ request }) => decide(request, false)
} satisfies Actions;
