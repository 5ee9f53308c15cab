import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/roles';
import { accountStatus } from '$lib/server/auth/accounts';
import type { PageServerLoad } from './$types';

/** Where an account that is not (or no longer) active lands after signing in. */
export const load = (async ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	if (locals.user.status === 'ACTIVE') redirect(303, homeFor(locals.user.role));
	return { account: await accountStatus(locals.user.id) };
}) satisfies PageServerLoad;
