// The approve / reject / suspend / reinstate form used on the volunteer list and profile pages.
// Whom the organizer may decide about is the domain's: only people in their scope
// (operations/access.ts, peopleOf), and only as the permission table allows (auth/permissions.ts).
import * as v from 'valibot';
import { recordId } from '$lib/schemas/forms';
import { formAction } from '$lib/server/forms';
import { currentOperationOf, requireOperation } from '$lib/server/operations/access';
import { decideAccount } from '$lib/server/volunteers/approval';

const decisionSchema = v.object({
	...recordId.entries,
	reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
	operationId: v.optional(v.pipe(v.string(), v.maxLength(64)), '')
});

/**
 * The action deciding a person's status (the person's id in the hidden `id` field); approval
 * joins the operation named in the form (one the organizer works on) or their current one.
 */
export const decideAction = (status: 'ACTIVE' | 'REJECTED' | 'SUSPENDED') =>
	formAction({
		form: 'decide',
		area: 'organizer',
		schema: decisionSchema,
		run: async ({ user, data }) => {
			const operationId = data.operationId
				? (await requireOperation(user, data.operationId)).id
				: (await currentOperationOf(user))?.id;
			const { name } = await decideAccount({
				actor: user,
				userId: data.id,
				status,
				reason: data.reason,
				operationId
			});
			return { id: data.id, decided: { name, status } };
		}
	});
