import * as v from 'valibot';
import { recordId } from '$lib/schemas/forms';
import { availabilitySchema, PROFILE_ARRAYS, profileSchema } from '$lib/schemas/rostering';
import { requireUser } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/forms';
import { zoneChoices } from '$lib/server/operations/operations';
import { currentOperationOf } from '$lib/server/operations/access';
import { calendarToken, resetCalendarToken } from '$lib/server/shifts/calendar';
import {
	addAvailability,
	getProfile,
	removeAvailability,
	updateProfile
} from '$lib/server/volunteers/profile';
import { wallClockWindow } from '$lib/shifts/time';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireUser();
	const operation = await currentOperationOf(user);
	return {
		profile: await getProfile(user.id),
		zones: operation ? await zoneChoices(operation.id) : [],
		timezone: operation?.timezone ?? 'UTC',
		calendarUrl: `${url.origin}/calendar/${await calendarToken(user.id)}.ics`
	};
}) satisfies PageServerLoad;

// Every signed-in role has a profile: the volunteer area admits them all.
const area = 'volunteer';

export const actions = {
	save: formAction({
		form: 'profile',
		area,
		schema: profileSchema,
		arrays: PROFILE_ARRAYS,
		run: async ({ user, data }) => {
			const { birthDate, consent: _consent, ...rest } = data;
			await updateProfile(user.id, {
				...rest,
				birthDate: birthDate ? new Date(`${birthDate}T00:00:00Z`) : undefined
			});
		}
	}),
	addAvailability: formAction({
		form: 'availability',
		area,
		schema: availabilitySchema,
		fieldAliases: { availabilityEnd: 'endTime' },
		run: async ({ user, data }) => {
			const timezone = (await currentOperationOf(user))?.timezone ?? 'UTC';
			await addAvailability(user.id, wallClockWindow(data.date, data.startTime, data.endTime, timezone));
		}
	}),
	removeAvailability: formAction({
		form: 'availability',
		area,
		schema: recordId,
		run: ({ user, data }) => removeAvailability(user.id, data.id)
	}),
	resetCalendar: formAction({
		form: 'calendar',
		area,
		schema: v.object({}),
		run: ({ user }) => resetCalendarToken(user.id).then(() => undefined)
	})
} satisfies Actions;
