import { dailyReport } from '$lib/server/logistics/report';
import { logisticsContext } from '../context.server';
import { reportDay } from '$lib/server/report-day';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const { operation } = await logisticsContext();
	if (!operation) return { report: null };
	return { report: await dailyReport(operation.id, reportDay(url, operation.timezone)) };
}) satisfies PageServerLoad;
