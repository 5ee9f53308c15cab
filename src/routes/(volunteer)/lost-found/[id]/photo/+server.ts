import { requireArea } from '$lib/server/auth/guards';
import { itemPhoto } from '$lib/server/guests/lost-found';
import { photoAnswer } from '$lib/server/http';
import { workingOperation } from '$lib/server/operations/access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const user = requireArea('volunteer');
	return photoAnswer(
		async () => itemPhoto((await workingOperation(user)).id, params.id),
		'lost_item_not_found'
	);
};
