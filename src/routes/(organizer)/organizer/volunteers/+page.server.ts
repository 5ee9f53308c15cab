import * as v from 'valibot';
import { SKILLS } from '$lib/skills';
import { requireArea } from '$lib/server/auth/guards';
import { zoneChoices } from '$lib/server/operations/operations';
import { currentOperationOf } from '$lib/server/operations/access';
import { searchVolunteers } from '$lib/server/volunteers/directory';
import { decideAction } from './decide.server';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED'] as const;

const filters = v.object({
	q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100)), ''),
	status: v.optional(v.picklist(STATUSES)),
	zone: v.optional(v.string()),
	skill: v.optional(v.picklist(SKILLS)),
	language: v.optional(v.pipe(v.string(), v.maxLength(10))),
	role: v.optional(v.picklist(['VOLUNTEER', 'LOGISTICS', 'ORGANIZER', 'ADMIN', 'ALL'])),
	page: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)), '1')
});

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	// An unknown filter value is ignored rather than refused: these come from links and bookmarks.
	const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''));
	const parsed = v.safeParse(filters, raw);
	const filter = parsed.success ? parsed.output : { q: '', page: 1 };
	const operation = await currentOperationOf(actor);
	const result = await searchVolunteers(
		actor,
		{
			q: filter.q || undefined,
			status: 'status' in filter ? filter.status : undefined,
			zoneId: 'zone' in filter ? filter.zone : undefined,
			skill: 'skill' in filter ? filter.skill : undefined,
			language: 'language' in filter ? filter.language : undefined,
			// Staff accounts are listed for admins only (who manage them: auth/permissions.ts).
			role: actor.role === 'ADMIN' && 'role' in filter ? filter.role : undefined
		},
		Number(filter.page)
	);
	return {
		filter: { ...filter, page: Number(filter.page) },
		query: url.searchParams.toString(),
		zones: operation ? await zoneChoices(operation.id) : [],
		operation: operation && { id: operation.id, name: operation.name },
		isAdmin: actor.role === 'ADMIN',
		...result
	};
}) satisfies PageServerLoad;

export const actions = {
	approve: decideAction('ACTIVE'),
	reject: decideAction('REJECTED'),
	suspend: decideAction('SUSPENDED')
} satisfies Actions;
