import { requireArea } from '$lib/server/auth/guards';
import { csvResponse } from '$lib/server/csv';
import { exportRoster } from '$lib/server/volunteers/roster-csv';
import type { AccountStatus } from '$lib/server/db';
import type { RequestHandler } from './$types';

const STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED'];

/** The list as CSV, with the same filters as the screen. */
export const GET: RequestHandler = async ({ url }) => {
	const viewer = requireArea('organizer');
	const param = (name: string) => url.searchParams.get(name)?.slice(0, 100) || undefined;
	const status = param('status');
	const csv = await exportRoster(viewer, {
		q: param('q'),
		status: status && STATUSES.includes(status) ? (status as AccountStatus) : undefined,
		zoneId: param('zone'),
		skill: param('skill'),
		language: param('language')
	});
	return csvResponse(`volunteers-${new Date().toISOString().slice(0, 10)}.csv`, csv);
};
