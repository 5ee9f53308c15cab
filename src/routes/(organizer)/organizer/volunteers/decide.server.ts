// The approve / reject / suspend / reinstate form used on the volunteer list and profile pages.
import * as v from 'valibot';
import { fail } from '@sveltejs/kit';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, type FormFailure } from '$lib/server/http';
import { currentOperation } from '$lib/server/operations/operations';
import { decideAccount } from '$lib/server/volunteers/approval';

const decision = v.object({
	userId: v.pipe(v.string(), v.nonEmpty()),
	name: v.optional(v.string(), ''),
	reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
	operationId: v.optional(v.string(), '')
});

export type DecisionFailure = FormFailure & { userId?: string };

/** A form action: the organizer decides a person's status; approval joins the current operation. */
export async function decide(request: Request, status: 'ACTIVE' | 'REJECTED' | 'SUSPENDED') {
	const actor = requireArea('organizer');
	const parsed = validate(decision, formObject(await request.formData()));
	if (!parsed.ok) return fail(400, { errors: parsed.errors } as DecisionFailure);
	const { userId, name, reason } = parsed.data;
	const operationId = parsed.data.operationId || (await currentOperation())?.id;
	try {
		await decideAccount({ actorId: actor.id, userId, status, reason, operationId });
	} catch (error) {
		const failure = failWith(error);
		return fail(failure.status, { ...failure.data, userId } as DecisionFailure);
	}
	return { decided: { userId, name, status } };
}
