import { error } from '@sveltejs/kit';
import { errorText } from '$lib/i18n';
import { requireArea } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { failWith } from '$lib/server/http';
import { broadcastStatus, resendToUnacknowledged } from '$lib/server/notify';
import { pickOperation } from '$lib/server/operations/operations';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const actor = requireArea('organizer');
	let found;
	try {
		found = await broadcastStatus(actor, params.id);
	} catch (caught) {
		if (caught instanceof DomainError) error(caught.status, errorText(caught.code));
		throw caught;
	}
	const { broadcast, status } = found;
	const operation = await pickOperation(broadcast.operationId);
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
		timezone: operation?.timezone ?? 'UTC',
		status
	};
}) satisfies PageServerLoad;

export const actions = {
	resend: async ({ params }) => {
		const actor = requireArea('organizer');
		try {
			return { resent: (await resendToUnacknowledged(actor, params.id)).people };
		} catch (caught) {
			return failWith(caught);
		}
	}
} satisfies Actions;
