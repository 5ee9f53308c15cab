import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';
import { sendThanks, thanksTarget } from '$lib/server/recognition/service';
import { thanksSchema } from '$lib/schemas/briefing';
import type { Actions, PageServerLoad } from './$types';

/** ?shift=<id> thanks everyone on a shift, ?person=<id> one person; both within ?operation=. */
export const load = (async ({ url }) => {
	const user = requireArea('organizer');
	let operation;
	try {
		operation = await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
	if (!operation) error(404, m.organizer_no_operation());
	const target = await thanksTarget(operation.id, {
		shiftId: url.searchParams.get('shift') ?? undefined,
		userId: url.searchParams.get('person') ?? undefined
	});
	if (!target) error(404, m.error_not_found());
	return { operation: { id: operation.id, name: operation.name, timezone: operation.timezone }, target };
}) satisfies PageServerLoad;

export const actions = {
	thank: operationAction({
		area: 'organizer',
		form: 'thanks',
		schema: thanksSchema,
		operation: (_, data) => data.operation,
		run: ({ user, operation, data }) =>
			sendThanks(user, {
				operationId: operation.id,
				shiftId: data.shiftId || undefined,
				userId: data.userId || undefined,
				message: data.message
			})
	})
} satisfies Actions;
