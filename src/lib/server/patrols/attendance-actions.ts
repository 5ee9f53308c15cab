// The attendance sheet's one action, shared by the leader's page and the organizer's: the domain
// checks the person's right over that very assignment (its shift's leader, or an organizer of its
// operation), so the area only decides who may call at all.
import type { Area } from '$lib/roles';
import { attendanceMarkSchema } from '$lib/schemas/coverage';
import { formAction } from '../forms';
import { markFromSheet } from './marks';

export function attendanceActions(area: Area) {
	return {
		mark: formAction({
			form: 'attendance',
			area,
			schema: attendanceMarkSchema,
			run: async ({ user, data }) => {
				await markFromSheet(user, data.id, data);
				return { id: data.id };
			}
		})
	};
}
