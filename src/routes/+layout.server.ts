import { mapTiles } from '$lib/server/config';
import { unreadCount } from '$lib/server/notify';
import { UNREAD_DEPENDENCY } from '$lib/notify/unread';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, url, depends }) => {
	const user = locals.user;
	depends(UNREAD_DEPENDENCY);
	// Read on every navigation, so the header's badge follows what was read on the way.
	void url.pathname;
	return {
		user: user && { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status },
		unread: user?.status === 'ACTIVE' ? await unreadCount(user.id) : null,
		tiles: mapTiles()
	};
}) satisfies LayoutServerLoad;
