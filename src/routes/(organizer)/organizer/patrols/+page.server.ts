import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { currentOperation } from '$lib/server/operations/operations';
import { coverageBoard, viewBoard } from '$lib/server/patrols/coverage';
import type { PageServerLoad } from './$types';

const query = v.object({
	zone: v.optional(v.string()),
	show: v.optional(v.picklist(['all', 'overdue', 'flagged', 'missed']), 'all'),
	q: v.optional(v.pipe(v.string(), v.maxLength(100))),
	limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(5000)), '100')
});

export const load = (async ({ url, depends }) => {
	requireArea('organizer');
	depends('patrols:board');
	const operation = await currentOperation();
	const parsed = v.safeParse(query, Object.fromEntries(url.searchParams));
	const filter = parsed.success ? parsed.output : { show: 'all' as const, limit: 100 };
	if (!operation) return { operation: null, board: null, filter };
	const now = new Date();
	const board = viewBoard(
		await coverageBoard(operation.id, now),
		{ zoneId: filter.zone || undefined, show: filter.show, search: filter.q, limit: filter.limit },
		now
	);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		board,
		filter,
		serverTime: now
	};
}) satisfies PageServerLoad;
