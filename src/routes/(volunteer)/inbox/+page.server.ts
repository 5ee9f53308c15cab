import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { listInbox, markAllRead } from '$lib/server/notify';
import { currentOperationOf } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 30;

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	const before = url.searchParams.get('before') ?? undefined;
	const [notices, operation] = await Promise.all([
		listInbox(user.id, { take: PAGE_SIZE + 1, before }),
		currentOperationOf(user)
	]);
	return {
		notices: notices.slice(0, PAGE_SIZE),
		older: notices.length > PAGE_SIZE ? notices[PAGE_SIZE - 1].id : null,
		paged: Boolean(before),
		timezone: operation?.timezone ?? 'UTC'
	};
}) satisfies PageServerLoad;

export const actions = {
	readAll: formAction({
		form: 'readAll',
		area: 'volunteer',
		schema: v.object({}),
		run: async ({ user }) => {
			await markAllRead(user.id);
		}
	})
} satisfies Actions;
