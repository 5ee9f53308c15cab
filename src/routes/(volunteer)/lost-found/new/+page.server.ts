import { redirect } from '@sveltejs/kit';
import { itemSchema, LOST_FOUND_KINDS } from '$lib/schemas/guests';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { recordItem, zoneChoices } from '$lib/server/guests/lost-found';
import { photoFrom } from '$lib/server/guests/photos';
import { currentOperationOf } from '$lib/server/operations/access';
import { formatTime, zonedDate, zonedTime } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	const operation = await currentOperationOf(user);
	const kind = LOST_FOUND_KINDS.find((k) => k === url.searchParams.get('kind')) ?? 'FOUND';
	if (!operation) return { operation: null, kind, zones: [], today: '', time: '' };
	const now = new Date();
	return {
		operation: { id: operation.id },
		kind,
		zones: await zoneChoices(operation.id),
		// Now, on the operation's clock: what the form starts with.
		today: zonedDate(now, operation.timezone),
		time: formatTime(now, operation.timezone, 'en-GB')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: operationAction({
		area: 'volunteer',
		form: 'record',
		schema: itemSchema,
		run: async ({ user, data, input, operation }) => {
			const photo = await photoFrom(input.photo);
			const item = await recordItem(
				user.id,
				operation.id,
				{ ...data, happenedAt: zonedTime(data.date, data.time, operation.timezone) },
				photo
			);
			redirect(303, `/lost-found/${item.id}`);
		}
	})
} satisfies Actions;
