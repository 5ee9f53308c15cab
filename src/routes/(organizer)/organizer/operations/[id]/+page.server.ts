import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import {
	deletePost,
	deleteRoute,
	deleteZone,
	operationSetup,
	savePost,
	saveRoute,
	saveZone,
	updateOperation
} from '$lib/server/operations/setup';
import { zonedDate } from '$lib/time';
import {
	failFor,
	operationInput,
	operationSchema,
	postSchema,
	readForm,
	routeSchema,
	zoneSchema
} from '../forms.server';
import type { Actions, PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

export const load = (async ({ params }) => {
	requireArea('organizer');
	let operation;
	try {
		operation = await operationSetup(params.id);
	} catch (caught) {
		pageError(caught);
	}
	// Zone leads: organizers, and volunteers of this operation.
	const leads = await db.user.findMany({
		where: {
			status: 'ACTIVE',
			OR: [{ role: { in: ['ORGANIZER', 'ADMIN'] } }, { memberships: { some: { operationId: params.id } } }]
		},
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
	return {
		operation,
		leads,
		values: {
			name: operation.name,
			description: operation.description,
			timezone: operation.timezone,
			startDate: zonedDate(operation.startsAt, operation.timezone),
			endDate: zonedDate(new Date(operation.endsAt.getTime() - 1), operation.timezone),
			minRestHours: Math.round(operation.minRestMinutes / 60),
			maxHoursPerDay: Math.round(operation.maxMinutesPerDay / 60)
		}
	};
}) satisfies PageServerLoad;

const idOnly = v.object({ id: v.pipe(v.string(), v.nonEmpty()), target: v.optional(v.string(), '') });

export const actions = {
	update: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, operationSchema);
		if (form.failure) return form.failure;
		try {
			await updateOperation(actor.id, params.id, operationInput(form.data));
		} catch (caught) {
			return failFor('operation', caught);
		}
		return { saved: 'operation' };
	},
	zone: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, zoneSchema);
		if (form.failure) return form.failure;
		const zoneId =
			form.target.startsWith('zone:') && form.target !== 'zone:new' ? form.target.slice(5) : undefined;
		try {
			await saveZone(actor.id, params.id, form.data, zoneId);
		} catch (caught) {
			return failFor(form.target, caught);
		}
		return { saved: form.target };
	},
	deleteZone: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, idOnly);
		if (form.failure) return form.failure;
		try {
			await deleteZone(actor.id, form.data.id);
		} catch (caught) {
			return failFor(`zone:${form.data.id}`, caught);
		}
		return { saved: 'deleted' };
	},
	post: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, postSchema);
		if (form.failure) return form.failure;
		const postId =
			form.target.startsWith('post:') && form.target !== 'post:new' ? form.target.slice(5) : undefined;
		try {
			await savePost(actor.id, params.id, form.data, postId);
		} catch (caught) {
			return failFor(form.target, caught);
		}
		return { saved: form.target };
	},
	deletePost: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, idOnly);
		if (form.failure) return form.failure;
		try {
			await deletePost(actor.id, form.data.id);
		} catch (caught) {
			return failFor(`post:${form.data.id}`, caught);
		}
		return { saved: 'deleted' };
	},
	route: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, routeSchema);
		if (form.failure) return form.failure;
		let id;
		try {
			id = (await saveRoute(actor.id, params.id, form.data)).id;
		} catch (caught) {
			return failFor('route:new', caught);
		}
		redirect(303, `/organizer/routes/${id}`);
	},
	deleteRoute: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, idOnly);
		if (form.failure) return form.failure;
		try {
			await deleteRoute(actor.id, form.data.id);
		} catch (caught) {
			return failFor(`route:${form.data.id}`, caught);
		}
		return { saved: 'deleted' };
	}
} satisfies Actions;
