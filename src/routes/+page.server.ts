import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	if (locals.user.status !== 'ACTIVE') redirect(303, '/status');
	redirect(303, homeFor(locals.user.role));
}) satisfies PageServerLoad;
