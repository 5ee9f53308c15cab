import * as v from 'valibot';
import { REPORT_CATEGORIES, REPORT_SEVERITIES, REPORT_STATUSES } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { currentOperationOf } from '$lib/server/operations/access';
import { listReports, reportCounts } from '$lib/server/reports/reports';
import type { PageServerLoad } from './$types';
import { triageActions } from './triage';

const query = v.object({
	status: v.optional(v.picklist(REPORT_STATUSES)),
	category: v.optional(v.picklist(REPORT_CATEGORIES)),
	severity: v.optional(v.picklist(REPORT_SEVERITIES))
});

export const load = (async ({ url, depends }) => {
	const user = requireArea('organizer');
	depends('patrols:reports');
	const operation = await currentOperationOf(user);
	const parsed = v.safeParse(query, Object.fromEntries([...url.searchParams].filter(([, value]) => value)));
	const filter = parsed.success ? parsed.output : {};
	if (!operation) return { operation: null, reports: [], counts: null, filter };
	const reports = await listReports(operation.id, filter);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		reports,
		counts: await reportCounts(operation.id),
		filter
	};
}) satisfies PageServerLoad;

export const actions = triageActions;
