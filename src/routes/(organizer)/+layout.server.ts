import { requireArea } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// hooks.server.ts refuses actions and APIs of this group; this refuses its pages with the 403 page.
export const load = (() => {
	requireArea('organizer');
}) satisfies LayoutServerLoad;
