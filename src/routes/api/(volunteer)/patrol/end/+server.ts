import { endPatrolSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { endPatrol } from '$lib/server/patrols/patrols';
import { handle, readJson } from '../handle';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	return handle(endPatrolSchema, await readJson(request), async (input) => {
		const { patrol, duplicate } = await endPatrol(user.id, input);
		return { duplicate, result: { id: input.id, patrolId: patrol.id, endedAt: patrol.endedAt } };
	});
};
