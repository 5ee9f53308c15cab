import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { auditCsv, auditExport } from '$lib/server/audit-log';
import { csvResponse } from '$lib/server/csv';
import { auditScope } from '../filter.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { user, operation, filter } = await auditScope(url);
	if (!operation) error(404, m.organizer_no_operation());
	const entries = await auditExport(user, operation, filter);
	return csvResponse(`redband-audit-${operation.id}.csv`, auditCsv(entries));
};
