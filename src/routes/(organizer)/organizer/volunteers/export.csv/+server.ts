import { requireArea } from '$lib/server/auth/guards';
import { exportRoster } from '$lib/server/volunteers/roster-csv';
import type { AccountStatus } from '$lib/server/db';
import type { RequestHandler } from './$types';

const STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED'];

/** The list as CSV, with the same filters as the screen; the BOM lets spreadsheet apps read Chinese names. */
export const GET: RequestHandler = async ({ url }) => {
	requireArea('organizer');
	const param = (name: string) => url.searchParams.get(name) || undefined;
	const status = param('status');
	const csv = await exportRoster({
		q: param('q'),
		status: status && STATUSES.includes(status) ? (status as AccountStatus) : undefined,
		zoneId: param('zone'),
		skill: param('skill'),
		language: param('language')
	});
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="volunteers-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
