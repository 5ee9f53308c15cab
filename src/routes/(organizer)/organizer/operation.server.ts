// The operation an organizer page shows: `?operation=` when the person works on it (another's is
// a 404, like one that does not exist), else their working operation; null when they have none.
import type { SessionUser } from '$lib/server/auth/session';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';

export async function pageOperation(user: SessionUser, url: URL) {
	try {
		return await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
}
