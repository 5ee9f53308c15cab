import { requireArea } from '$lib/server/auth/guards';
import { requestPhoto } from '$lib/server/guests/help';
import { photoAnswer } from '$lib/server/http';
import { workingOperation } from '$lib/server/operations/access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const user = requireArea('volunteer');
	return photoAnswer(
		async () => requestPhoto(user, (await workingOperation(user)).id, params.id),
		'guest_request_not_found'
	);
};
