import { checkInSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { recordCheckIn } from '$lib/server/patrols/check-ins';
import { handle, readJson } from '../handle';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	return handle(checkInSchema, await readJson(request), async (input) => {
		const { checkIn, duplicate } = await recordCheckIn(user.id, input);
		const { userId: _userId, ...result } = checkIn;
		return { duplicate, result };
	});
};
