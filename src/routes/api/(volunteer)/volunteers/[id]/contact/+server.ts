// A person's phone and emergency contact, for the screens of people allowed to see them
// (themselves, organizers, the leader of a shift they are on); everyone else gets a 403.
import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { jsonError } from '$lib/server/http';
import { contactDetails } from '$lib/server/volunteers/contact';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const viewer = requireArea('volunteer');
	try {
		return json(await contactDetails({ id: viewer.id, role: viewer.role }, params.id), {
			headers: { 'cache-control': 'private, no-store' }
		});
	} catch (caught) {
		return jsonError(caught);
	}
};
