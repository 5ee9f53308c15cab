import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { errorText } from '$lib/i18n';
import { requireArea } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/forms';
import { acknowledge, getNotice, markRead, unreadCount } from '$lib/server/notify';
import { currentOperationOf } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('volunteer');
	let notice;
	try {
		notice = await getNotice(user.id, params.id);
	} catch (caught) {
		if (caught instanceof DomainError)
			error(caught.status === 403 ? 404 : caught.status, errorText(caught.code));
		throw caught;
	}
	// Opening a message reads it. The layout counted unread messages alongside this load, so the
	// count after reading replaces its figure for the header.
	if (!notice.readAt) await markRead(user.id, notice.id);
	const [operation, unread] = await Promise.all([currentOperationOf(user), unreadCount(user.id)]);
	return { notice, unread, timezone: operation?.timezone ?? 'UTC' };
}) satisfies PageServerLoad;

export const actions = {
	// The notice is the page's; acknowledge checks it was sent to this person.
	acknowledge: formAction({
		form: 'acknowledge',
		area: 'volunteer',
		schema: v.object({}),
		run: async ({ user, event }) => {
			await acknowledge(user.id, event.params.id!);
		}
	})
} satisfies Actions;
