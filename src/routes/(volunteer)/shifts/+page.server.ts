import { recordId } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { zoneChoices } from '$lib/server/operations/operations';
import { pickOperationFor, requireShiftInScope } from '$lib/server/operations/access';
import { shiftsICanTake } from '$lib/server/shifts/available';
import { signUp } from '$lib/server/shifts/roster';
import type { Actions, PageServerLoad } from './$types';

interface Filter {
	day?: string;
	zoneId?: string;
	includeFull: boolean;
}

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	// Only the operations the person works on: another operation's id is "not found".
	let operation;
	try {
		operation = await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
	if (!operation)
		return { operation: null, days: [], shifts: [], zones: [], filter: { includeFull: false } as Filter };
	const filter: Filter = {
		day: url.searchParams.get('day') || undefined,
		zoneId: url.searchParams.get('zone') || undefined,
		includeFull: url.searchParams.get('full') === '1'
	};
	const { days, shifts, timezone } = await shiftsICanTake(user.id, { operationId: operation.id, ...filter });
	return {
		operation: { id: operation.id, name: operation.name, timezone: timezone ?? operation.timezone },
		days,
		shifts,
		zones: await zoneChoices(operation.id),
		filter
	};
}) satisfies PageServerLoad;

export const actions = {
	// Always the signed-in person: no form field can sign up someone else. The hidden `id` is the
	// shift; signUp checks it is one of the person's operations and open to them.
	signUp: formAction({
		form: 'signUp',
		area: 'volunteer',
		schema: recordId,
		run: async ({ user, data }) => {
			await requireShiftInScope(user, data.id);
			return { id: data.id, placement: await signUp(user.id, data.id) };
		}
	})
} satisfies Actions;
