import * as v from 'valibot';
import { mayManage } from '$lib/server/auth/permissions';
import { requireArea } from '$lib/server/auth/guards';
import { changeRole, resetPassword } from '$lib/server/auth/manage';
import { makeWelcomeLink } from '$lib/server/auth/welcome';
import { formAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { currentOperationOf } from '$lib/server/operations/access';
import { hoursServed, upcomingShiftsFor } from '$lib/server/shifts/mine';
import { profileFor, verifySkill } from '$lib/server/volunteers/profile';
import { ROLES } from '$lib/server/auth/permissions';
import type { Role } from '$lib/server/db';
import { decideAction } from '../decide.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const actor = requireArea('organizer');
	try {
		// Someone outside the organizer's operations (and not a new sign-up) is a 404.
		const { passwordSetAt, ...person } = await profileFor(actor, params.id);
		const [shifts, served] = await Promise.all([
			upcomingShiftsFor(params.id, new Date(), 20, actor),
			hoursServed(params.id)
		]);
		const self = actor.id === person.id;
		const may = (action: Parameters<typeof mayManage>[2]) =>
			!self && mayManage(actor.role, person.role, action);
		return {
			person: { ...person, hasPassword: passwordSetAt !== null },
			shifts,
			served,
			roles: ROLES,
			may: {
				// Approving, suspending and reinstating go together in the table (permissions.ts).
				decide: may('suspend'),
				signInLink: may('signInLink'),
				changeRole: may('changeRole'),
				resetPassword: may('resetPassword')
			},
			timezone: (await currentOperationOf(actor))?.timezone ?? 'UTC'
		};
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

const welcomeUrl = (token: string, origin: string) => new URL(`/welcome/${token}`, origin).href;

export const actions = {
	verify: formAction({
		form: 'verify',
		area: 'organizer',
		schema: v.object({
			skill: v.pipe(v.string(), v.nonEmpty(), v.maxLength(40)),
			verified: v.picklist(['yes', 'no'])
		}),
		run: async ({ user, data, event }) => {
			await verifySkill(user, event.params.id!, data.skill, data.verified === 'yes');
			return { verified: data.skill };
		}
	}),
	welcome: formAction({
		form: 'welcome',
		area: 'organizer',
		schema: v.object({}),
		run: async ({ user, event }) => {
			const link = await makeWelcomeLink(user, event.params.id!);
			return { welcome: { url: welcomeUrl(link.token, event.url.origin) } };
		}
	}),
	role: formAction({
		form: 'role',
		area: 'admin',
		schema: v.object({ role: v.picklist(ROLES as Role[]) }),
		run: async ({ user, data, event }) => {
			await changeRole(user, event.params.id!, data.role);
			return { role: data.role };
		}
	}),
	reset: formAction({
		form: 'reset',
		area: 'admin',
		schema: v.object({}),
		run: async ({ user, event }) => {
			await resetPassword(user, event.params.id!);
			const link = await makeWelcomeLink(user, event.params.id!);
			return { welcome: { url: welcomeUrl(link.token, event.url.origin) } };
		}
	}),
	approve: decideAction('ACTIVE'),
	reject: decideAction('REJECTED'),
	suspend: decideAction('SUSPENDED')
} satisfies Actions;
