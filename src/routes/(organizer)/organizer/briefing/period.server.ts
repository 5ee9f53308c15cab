// The briefing's operation and period from the address: ?operation= (checked against the
// organizer's operations) and ?day=YYYY-MM-DD (default today in the event's timezone) or ?day=all.
import { requireArea } from '$lib/server/auth/guards';
import { dailyBriefing, operationBriefing } from '$lib/server/briefing/briefing';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';
import { reportDay } from '$lib/server/report-day';

export async function briefingFor(url: URL) {
	const user = requireArea('organizer');
	let operation;
	try {
		operation = await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
	if (!operation) return { user, operation: null, view: null };
	const view =
		url.searchParams.get('day') === 'all'
			? await operationBriefing(operation)
			: await dailyBriefing(operation, reportDay(url, operation.timezone));
	return { user, operation, view };
}
