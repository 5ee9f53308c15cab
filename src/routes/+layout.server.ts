import { mapTiles } from '$lib/server/config';
import { unreadCount } from '$lib/server/notify';
import { UNREAD_DEPENDENCY } from '$lib/notify/unread';
import type { LayoutServerLoad } from './$types';

// The unread count is read again when something invalidates it (reading, acknowledging, a push
// arriving), not on every navigation: the layout's data must not be refetched on each page change
// (the patrol pages work from what the phone holds when the signal is gone).
export const load = (async ({ locals, depends }) => {
	const user = locals.user;
	depends(UNREAD_DEPENDENCY);
	return {
		user: user && { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status },
		unread: user?.status === 'ACTIVE' ? await unreadCount(user.id) : null,
		tiles: mapTiles()
	};
}) satisfies LayoutServerLoad;
