import { redirect } from '@sveltejs/kit';
import {
	AUDIENCE_ARRAYS,
	AUDIENCE_ROLES,
	URGENCIES,
	audienceSchema,
	broadcastSchema
} from '$lib/schemas/notify';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { previewAudience, sendBroadcast } from '$lib/server/notify';
import { zoneChoices } from '$lib/server/operations/operations';
import { listShifts } from '$lib/server/shifts/shifts';
import { shiftsOperation } from '../../shifts/forms.server';
import type { Actions, PageServerLoad } from './$types';
import { shiftName } from '$lib/shifts/name';

const HOUR = 3_600_000;

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	const operation = await shiftsOperation(actor, url);
	const now = Date.now();
	// Shifts worth addressing: running now or starting within a day.
	const shifts = (await listShifts(operation.id, new Date(now - 24 * HOUR), new Date(now + 24 * HOUR)))
		.filter((shift) => shift.endsAt.getTime() > now)
		.map((shift) => ({
			id: shift.id,
			startsAt: shift.startsAt,
			endsAt: shift.endsAt,
			place: shiftName(shift)
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

// The operation is the form's hidden operationId, checked to be one of the person's; the domain
// checks the zones and shifts ticked are of it.
const scope = {
	area: 'organizer',
	arrays: AUDIENCE_ARRAYS,
	operation: (_event: unknown, data: { operationId: string }) => data.operationId
} as const;

export const actions = {
	/** Without JavaScript, "Count recipients" posts the form here; the page shows it again with the count. */
	preview: operationAction({
		...scope,
		form: 'compose',
		schema: audienceSchema,
		run: async ({ user, data: { operationId, ...audience }, values }) => ({
			count: (await previewAudience(user, { operationId, audience })).count,
			values
		})
	}),
	send: operationAction({
		...scope,
		form: 'compose',
		schema: broadcastSchema,
		run: async ({ user, data }) => {
			const { id } = await sendBroadcast(user, data);
			redirect(303, `/organizer/broadcasts/${id}`);
		}
	})
} satisfies Actions;
