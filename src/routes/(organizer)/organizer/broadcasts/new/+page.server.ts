import { fail, redirect } from '@sveltejs/kit';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import {
	AUDIENCE_ARRAYS,
	AUDIENCE_ROLES,
	URGENCIES,
	audienceSchema,
	broadcastSchema
} from '$lib/schemas/notify';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { previewAudience, sendBroadcast } from '$lib/server/notify';
import { zoneChoices } from '$lib/server/operations/operations';
import { listShifts, placeName } from '$lib/server/shifts/shifts';
import { requireOperation } from '../../shifts/forms.server';
import type { Actions, PageServerLoad } from './$types';

const HOUR = 3_600_000;

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	const operation = await requireOperation(url);
	const now = Date.now();
	// Shifts worth addressing: running now or starting within a day.
	const shifts = (await listShifts(operation.id, new Date(now - 24 * HOUR), new Date(now + 24 * HOUR)))
		.filter((shift) => shift.endsAt.getTime() > now)
		.map((shift) => ({
			id: shift.id,
			startsAt: shift.startsAt,
			endsAt: shift.endsAt,
			place: placeName(shift)
		}));
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		zones: await zoneChoices(operation.id),
		shifts,
		roles: AUDIENCE_ROLES,
		urgencies: URGENCIES,
		count: (await previewAudience(actor, { operationId: operation.id, audience: {} })).count
	};
}) satisfies PageServerLoad;

/** What the form showed, to show it again: text fields and the ticked boxes. */
function echo(input: Record<string, unknown>) {
	const values: Record<string, string | string[]> = safeValues(input);
	for (const name of AUDIENCE_ARRAYS) values[name] = input[name] as string[];
	return values;
}

export const actions = {
	/** Without JavaScript, "Count recipients" posts the form here; the page shows it again with the count. */
	preview: async ({ request }) => {
		const actor = requireArea('organizer');
		const input = formObject(await request.formData(), AUDIENCE_ARRAYS);
		const parsed = validate(audienceSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(input) });
		const { operationId, ...audience } = parsed.data;
		try {
			return { count: (await previewAudience(actor, { operationId, audience })).count, values: echo(input) };
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { ...failure.data, values: echo(input) });
		}
	},
	send: async ({ request }) => {
		const actor = requireArea('organizer');
		const input = formObject(await request.formData(), AUDIENCE_ARRAYS);
		const parsed = validate(broadcastSchema, input);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echo(input) });
		let id;
		try {
			id = (await sendBroadcast(actor, parsed.data)).id;
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { ...failure.data, values: echo(input) });
		}
		redirect(303, `/organizer/broadcasts/${id}`);
	}
} satisfies Actions;
