import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { reportDetail } from '$lib/server/reports/reports';
import { triageActions } from '../triage';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	requireArea('organizer');
	const report = await reportDetail(params.id);
	if (!report) error(404, m.error_report_not_found());
	return { report };
}) satisfies PageServerLoad;

export const actions = triageActions;
