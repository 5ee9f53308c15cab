import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { dailyReport, reportCsv } from '$lib/server/logistics/report';
import { logisticsContext } from '../../context.server';
import { reportDay } from '../day';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { operation } = await logisticsContext();
	if (!operation) error(404, m.organizer_no_operation());
	const day = reportDay(url, operation.timezone);
	const csv = reportCsv(await dailyReport(operation.id, day));
	return new Response('\uFEFF' + csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			// The byte-order mark above makes spreadsheet apps read the Chinese names correctly.
			'Content-Disposition': `attachment; filename="redband-logistics-${day}.csv"`
		}
	});
};
