import { liveResponse } from '$lib/server/live/sse';
import { requireArea } from '$lib/server/auth/guards';
import { postChannel, postsStaffedBy } from '$lib/server/logistics/requests';
import type { RequestHandler } from './$types';

/** Change notices for the requests of the posts this person staffs now; the event is the post id. */
export const GET: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const posts = await postsStaffedBy(user.id);
	if (!posts.length) return new Response(null, { status: 204 });
	return liveResponse(request, Object.fromEntries(posts.map((post) => [post.id, postChannel(post.id)])));
};
