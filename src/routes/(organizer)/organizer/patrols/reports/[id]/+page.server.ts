import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { requireOperation } from '$lib/server/operations/access';
import { reportDetail } from '$lib/server/reports/reports';
import { triageActions } from '../triage';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const user = requireArea('organizer');
	const report = await reportDetail(params.id);
	if (!report) error(404, m.error_report_not_found());
	try {
		await requireOperation(user, report.operationId);
	} catch (caught) {
		pageError(caught);
	}
	return { report };
}) satisfies PageServerLoad;

export const actions = triageActions;
