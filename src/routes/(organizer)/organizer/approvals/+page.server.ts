import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, type FormFailure } from '$lib/server/http';
import { decideAccount, listByStatus } from '$lib/server/volunteers/approval';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	requireArea('organizer');
	return { pending: await listByStatus('PENDING') };
}) satisfies PageServerLoad;

const decision = v.object({
	userId: v.pipe(v.string(), v.nonEmpty()),
	name: v.optional(v.string(), ''),
	reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), '')
});

async function decide(request: Request, status: 'ACTIVE' | 'REJECTED') {
	const actor = requireArea('organizer');
	const parsed = validate(decision, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors } as FormFailure & { userId?: string });
	const { userId, name, reason } = parsed.data;
	try {
		await decideAccount({ actorId: actor.id, userId, status, reason });
	} catch (error) {
		const failure = failWith(error);
		return fail(failure.status, { ...failure.data, userId } as FormFailure & { userId?: string });
	}
	return { decided: { userId, name, status } };
}

export const actions = {
	approve: ({ request }) => decide(request, 'ACTIVE'),
	reject: ({ request }) => decide(request, 'REJECTED')
} satisfies Actions;
