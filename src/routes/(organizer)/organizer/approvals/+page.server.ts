import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Approvals live in the volunteer list now, filtered to those waiting; old links still land there.
export const load = (() => {
	redirect(303, '/organizer/volunteers?status=PENDING');
}) satisfies PageServerLoad;
