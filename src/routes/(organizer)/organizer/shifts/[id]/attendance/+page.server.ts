import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { attendanceActions } from '$lib/server/patrols/attendance-actions';
import { attendanceSheet } from '$lib/server/patrols/marks';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	// Organizers of the shift's operation only (checked in the domain); others a 404.
	const user = requireArea('organizer');
	try {
		return { sheet: await attendanceSheet(user, params.id) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = { ...attendanceActions('organizer') } satisfies Actions;
