// The command view's operation: ?operation= checked against the organizer's operations, else
// their working operation.
import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';

export async function commandScope(url: URL) {
	const user = requireArea('organizer');
	try {
		return { user, operation: await pickOperationFor(user, url.searchParams.get('operation')) };
	} catch (caught) {
		pageError(caught);
	}
}
