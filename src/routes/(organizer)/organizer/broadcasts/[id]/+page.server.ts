import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import {
	RECIPIENT_STATES,
	RECIPIENTS_PER_PAGE,
	broadcastRecipients,
	broadcastStatus,
	resendToUnacknowledged,
	type RecipientState
} from '$lib/server/notify/broadcasts';
import { requireOperation } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const actor = requireArea('organizer');
	let found, operation;
	try {
		found = await broadcastStatus(actor, params.id);
		operation = await requireOperation(actor, found.broadcast.operationId);
	} catch (caught) {
		pageError(caught);
	}
	const { broadcast, status } = found;
	const asked = url.searchParams.get('show') as RecipientState | null;
	// By default the first list that needs someone: who has not answered yet.
	const show: RecipientState =
		asked && RECIPIENT_STATES.includes(asked)
			? asked
			: ((['delivered', 'sending', 'unreachable'] as const).find((state) => status.people[state] > 0) ??
				'acknowledged');
	const pages = Math.max(1, Math.ceil(status.people[show] / RECIPIENTS_PER_PAGE));
	const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
	return {
		broadcast: {
			id: broadcast.id,
			operationId: broadcast.operationId,
			title: broadcast.title,
			body: broadcast.body,
			urgency: broadcast.urgency,
			requireAck: broadcast.requireAck,
			recipientCount: broadcast.recipientCount,
			createdAt: broadcast.createdAt
		},
		timezone: operation.timezone,
		status,
		show,
		page,
		pages,
		people: await broadcastRecipients(actor, broadcast.id, show, page)
	};
}) satisfies PageServerLoad;

export const actions = {
	// The broadcast in the address; ownBroadcast checks the person organizes its operation.
	resend: formAction({
		form: 'resend',
		area: 'organizer',
		schema: v.object({}),
		run: async ({ user, event }) => ({
			resent: (await resendToUnacknowledged(user, event.params.id!)).people
		})
	})
} satisfies Actions;
