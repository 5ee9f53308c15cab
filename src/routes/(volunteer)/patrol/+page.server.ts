import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { checkInSchema, endPatrolSchema, startPatrolSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { recordCheckIn } from '$lib/server/patrols/check-ins';
import { endPatrol, startPatrol } from '$lib/server/patrols/patrols';
import { patrolViewFor } from '$lib/server/patrols/view';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const user = requireArea('volunteer');
	return {
		view: await patrolViewFor(user.id),
		// For forms sent without JavaScript: one id per rendered form, so a double tap stores once.
		formId: randomUUID()
	};
}) satisfies PageServerLoad;

// Without JavaScript: the same writes the outbox sends to /api/patrol/*, then the page again.
// The assignment is checked to be the signed-in person's in the domain.
export const actions = {
	start: formAction({
		form: 'start',
		area: 'volunteer',
		schema: startPatrolSchema,
		run: async ({ user, data }) => {
			await startPatrol(user.id, data);
			redirect(303, '/patrol');
		}
	}),
	checkin: formAction({
		form: 'checkin',
		area: 'volunteer',
		schema: checkInSchema,
		run: async ({ user, data }) => {
			await recordCheckIn(user.id, data);
			redirect(303, '/patrol');
		}
	}),
	end: formAction({
		form: 'end',
		area: 'volunteer',
		schema: endPatrolSchema,
		run: async ({ user, data }) => {
			await endPatrol(user.id, data);
			redirect(303, '/patrol');
		}
	})
} satisfies Actions;
