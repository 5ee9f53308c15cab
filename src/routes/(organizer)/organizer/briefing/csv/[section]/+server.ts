import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isSection, sectionCsv } from '$lib/server/briefing/csv';
import { csvResponse } from '$lib/server/csv';
import { briefingFor } from '../../period.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, params }) => {
	if (!isSection(params.section)) error(404, m.error_not_found());
	const { view } = await briefingFor(url);
	if (!view) error(404, m.organizer_no_operation());
	const period = view.period.day ?? 'to-date';
	return csvResponse(`redband-briefing-${params.section}-${period}.csv`, sectionCsv(view, params.section));
};
