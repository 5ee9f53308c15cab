import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { currentOperationOf } from '$lib/server/operations/access';
import { coverageBoard, viewBoard } from '$lib/server/patrols/coverage';
import { zoneAlertSchema } from '$lib/schemas/escalation';
import { sendZoneAlert, zoneAlertChoices } from '$lib/server/alerts/zone';
import { operationAction } from '$lib/server/forms';
import { alertHandlers, handlingActions } from '$lib/server/patrols/handling-actions';
import { flagsToReview } from '$lib/server/patrols/flags';
import type { Actions, PageServerLoad } from './$types';

const query = v.object({
	zone: v.optional(v.string()),
	show: v.optional(v.picklist(['all', 'overdue', 'flagged', 'missed']), 'all'),
	q: v.optional(v.pipe(v.string(), v.maxLength(100))),
	limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(5000)), '100')
});

export const load = (async ({ url, depends }) => {
	const user = requireArea('organizer');
	depends('patrols:board');
	const operation = await currentOperationOf(user);
	const parsed = v.safeParse(query, Object.fromEntries(url.searchParams));
	const filter = parsed.success ? parsed.output : { show: 'all' as const, limit: 100 };
	if (!operation) return { operation: null, board: null, filter, doubts: [], people: [] };
	const now = new Date();
	const board = viewBoard(
		await coverageBoard(operation.id, now),
		{ zoneId: filter.zone || undefined, show: filter.show, search: filter.q, limit: filter.limit },
		now
	);
	const [doubts, people] = await Promise.all([
		flagsToReview(operation.id, 30),
		alertHandlers(operation.id, now)
	]);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		board,
		doubts,
		people,
		filter,
		serverTime: now,
		zoneAlert: await zoneAlertChoices(operation.id)
	};
}) satisfies PageServerLoad;

export const actions = {
	...handlingActions('organizer'),
	/** From the board in two taps: open "Alert people on duty", tap the zone. */
	zoneAlert: operationAction({
		form: 'zoneAlert',
		area: 'organizer',
		schema: zoneAlertSchema,
		arrays: ['zoneIds', 'checkpointIds'],
		operation: (event) => event.url.searchParams.get('operation'),
		run: async ({ user, data, operation }) => sendZoneAlert(user, operation.id, data)
	})
} satisfies Actions;
