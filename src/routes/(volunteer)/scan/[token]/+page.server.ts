import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// A checkpoint poster's link, opened by the phone's camera app: the patrol screen checks in from
// the token (and, with no signal, the service worker sends the link there itself).
export const load = (({ params }) => {
	redirect(303, `/patrol?scan=${encodeURIComponent(params.token)}`);
}) satisfies PageServerLoad;
