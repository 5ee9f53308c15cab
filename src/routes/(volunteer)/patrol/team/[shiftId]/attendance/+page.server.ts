import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { attendanceActions } from '$lib/server/patrols/attendance-actions';
import { attendanceSheet } from '$lib/server/patrols/marks';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	// Only the shift's leader (or an organizer of its operation) gets the sheet; others a 404.
	const user = requireArea('volunteer');
	try {
		return { sheet: await attendanceSheet(user, params.shiftId) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = { ...attendanceActions('volunteer') } satisfies Actions;
