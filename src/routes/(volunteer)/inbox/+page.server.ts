import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { listInbox, markAllRead } from '$lib/server/notify';
import { currentOperation } from '$lib/server/operations/operations';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 30;

export const load = (async ({ url }) => {
	const user = requireArea('volunteer');
	const before = url.searchParams.get('before') ?? undefined;
	const [notices, operation] = await Promise.all([
		listInbox(user.id, { take: PAGE_SIZE + 1, before }),
		currentOperation()
	]);
	return {
		notices: notices.slice(0, PAGE_SIZE),
		older: notices.length > PAGE_SIZE ? notices[PAGE_SIZE - 1].id : null,
		paged: Boolean(before),
		timezone: operation?.timezone ?? 'UTC'
	};
}) satisfies PageServerLoad;

export const actions = {
	readAll: async () => {
		const user = requireArea('volunteer');
		try {
			await markAllRead(user.id);
		} catch (caught) {
			return failWith(caught);
		}
		return { allRead: true };
	}
} satisfies Actions;
