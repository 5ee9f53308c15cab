import { requireArea } from '$lib/server/auth/guards';
import { operationChoicesFor } from '$lib/server/operations/access';
import { pageOperation } from '../operation.server';
import { countPendingRequests } from '$lib/server/shifts/requests';
import { listShifts } from '$lib/server/shifts/shifts';
import { addDays, zonedDate, zonedTime } from '$lib/time';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('organizer');
	const operation = await pageOperation(user, url);
	if (!operation) return { operation: null, operations: [], days: [], day: null, shifts: [], requests: 0 };
	const tz = operation.timezone;
	const first = zonedDate(operation.startsAt, tz);
	const lastDay = zonedDate(new Date(operation.endsAt.getTime() - 1), tz);
	const days: string[] = [];
	for (let day = first; day <= lastDay && days.length < 120; day = addDays(day, 1)) days.push(day);
	const today = zonedDate(new Date(), tz);
	const asked = url.searchParams.get('day');
	const day = asked && days.includes(asked) ? asked : days.includes(today) ? today : days[0];
	const shifts = await listShifts(
		operation.id,
		zonedTime(day, '00:00', tz),
		zonedTime(addDays(day, 1), '00:00', tz)
	);
	return {
		operation: { id: operation.id, name: operation.name, timezone: tz },
		operations: await operationChoicesFor(user),
		days,
		day,
		openOnly: url.searchParams.get('open') === '1',
		shifts,
		requests: await countPendingRequests(operation.id)
	};
}) satisfies PageServerLoad;
