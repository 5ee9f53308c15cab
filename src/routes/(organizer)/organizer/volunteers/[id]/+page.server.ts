import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { requireArea } from '$lib/server/auth/guards';
import { makeWelcomeLink } from '$lib/server/auth/welcome';
import { failWith, pageError } from '$lib/server/http';
import { currentOperation } from '$lib/server/operations/operations';
import { hoursServed, upcomingShiftsFor } from '$lib/server/shifts/mine';
import { getProfile, verifySkill } from '$lib/server/volunteers/profile';
import { decide } from '../decide.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	requireArea('organizer');
	try {
		const person = await getProfile(params.id);
		const [shifts, served] = await Promise.all([
			upcomingShiftsFor(params.id, new Date(), 20),
			hoursServed(params.id)
		]);
		return { person, shifts, served, timezone: (await currentOperation())?.timezone ?? 'UTC' };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

const verification = v.object({
	skill: v.pipe(v.string(), v.nonEmpty()),
	verified: v.picklist(['yes', 'no'])
});

export const actions = {
	verify: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const parsed = validate(verification, formObject(await request.formData()));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await verifySkill(actor.id, params.id, parsed.data.skill, parsed.data.verified === 'yes');
		} catch (caught) {
			return failWith(caught);
		}
		return { verified: parsed.data.skill };
	},
	welcome: async ({ params, url }) => {
		const actor = requireArea('organizer');
		try {
			const link = await makeWelcomeLink(actor, params.id);
			return { welcome: { url: new URL(`/welcome/${link.token}`, url.origin).href } };
		} catch (caught) {
			return failWith(caught);
		}
	},
	approve: ({ request }) => decide(request, 'ACTIVE'),
	reject: ({ request }) => decide(request, 'REJECTED'),
	suspend: ({ request }) => decide(request, 'SUSPENDED')
} satisfies Actions;
