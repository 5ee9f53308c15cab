import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { pickOperation, zoneChoices } from '$lib/server/operations/operations';
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
	const operation = await pickOperation(url.searchParams.get('operation'));
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
	signUp: async ({ request }) => {
		const user = requireArea('volunteer');
		const parsed = validate(
			v.object({ shiftId: v.pipe(v.string(), v.nonEmpty()) }),
			formObject(await request.formData())
		);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			// Always the signed-in person: no form field can sign up someone else.
			const placement = await signUp(user.id, parsed.data.shiftId);
			return { placement, shiftId: parsed.data.shiftId };
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { ...failure.data, shiftId: parsed.data.shiftId });
		}
	}
} satisfies Actions;
