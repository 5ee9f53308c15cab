import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { csvResponse } from '$lib/server/csv';
import { dailyReport, reportCsv } from '$lib/server/logistics/report';
import { logisticsContext } from '../../context.server';
import { reportDay } from '$lib/server/report-day';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { operation } = await logisticsContext();
	if (!operation) error(404, m.organizer_no_operation());
	const day = reportDay(url, operation.timezone);
	return csvResponse(`redband-logistics-${day}.csv`, reportCsv(await dailyReport(operation.id, day)));
};
