import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { availabilitySchema, PROFILE_ARRAYS, profileSchema } from '$lib/schemas/rostering';
import { requireUser } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { currentOperation, zoneChoices } from '$lib/server/operations/operations';
import { calendarToken, resetCalendarToken } from '$lib/server/shifts/calendar';
import {
	addAvailability,
	getProfile,
	removeAvailability,
	updateProfile
} from '$lib/server/volunteers/profile';
import { addDays, zonedTime } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireUser();
	const operation = await currentOperation();
	return {
		profile: await getProfile(user.id),
		zones: operation ? await zoneChoices(operation.id) : [],
		timezone: operation?.timezone ?? 'UTC',
		calendarUrl: `${url.origin}/calendar/${await calendarToken(user.id)}.ics`
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request }) => {
		const user = requireUser();
		const input = formObject(await request.formData(), PROFILE_ARRAYS);
		const values = {
			...safeValues(input),
			languages: input.languages,
			skills: input.skills,
			zoneIds: input.zoneIds
		};
		const parsed = validate(profileSchema, input);
		if (!parsed.ok) return fail(400, { profile: { errors: parsed.errors, values } });
		const { birthDate, consent: _consent, ...rest } = parsed.data;
		try {
			await updateProfile(user.id, {
				...rest,
				birthDate: birthDate ? new Date(`${birthDate}T00:00:00Z`) : undefined
			});
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { profile: { ...failure.data, values } });
		}
		return { profile: { saved: true } };
	},
	addAvailability: async ({ request }) => {
		const user = requireUser();
		const parsed = validate(availabilitySchema, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { availability: { errors: parsed.errors } });
		const tz = (await currentOperation())?.timezone ?? 'UTC';
		const { date, startTime, endTime } = parsed.data;
		try {
			await addAvailability(user.id, {
				startsAt: zonedTime(date, startTime, tz),
				endsAt: zonedTime(endTime <= startTime ? addDays(date, 1) : date, endTime, tz)
			});
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { availability: failure.data });
		}
		return { availability: { saved: true } };
	},
	removeAvailability: async ({ request }) => {
		const user = requireUser();
		const parsed = validate(
			v.object({ id: v.pipe(v.string(), v.nonEmpty()) }),
			formObject(await request.formData())
		);
		if (!parsed.ok) return fail(400, { availability: { errors: parsed.errors } });
		try {
			await removeAvailability(user.id, parsed.data.id);
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, { availability: failure.data });
		}
		return { availability: { saved: true } };
	},
	resetCalendar: async () => {
		const user = requireUser();
		await resetCalendarToken(user.id);
		return { calendar: { reset: true } };
	}
} satisfies Actions;
