import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { zoneChoices } from '$lib/server/operations/operations';
import {
	addCheckpoint,
	deleteCheckpoint,
	deleteRoute,
	moveCheckpoint,
	routeDetail,
	saveRoute,
	updateCheckpoint
} from '$lib/server/operations/setup';
import { checkpointSchema, failFor, readForm, routeSchema } from '../../operations/forms.server';
import type { Actions, PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

async function loadRoute(id: string) {
	try {
		return await routeDetail(id);
	} catch (caught) {
		pageError(caught);
	}
}

export const load = (async ({ params }) => {
	requireArea('organizer');
	const route = await loadRoute(params.id);
	return { route, zones: await zoneChoices(route.operationId) };
}) satisfies PageServerLoad;

const move = v.object({ id: v.pipe(v.string(), v.nonEmpty()), direction: v.picklist(['up', 'down']) });
const idOnly = v.object({ id: v.pipe(v.string(), v.nonEmpty()) });

export const actions = {
	update: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, routeSchema);
		if (form.failure) return form.failure;
		const route = await loadRoute(params.id);
		try {
			await saveRoute(actor.id, route.operationId, form.data, route.id);
		} catch (caught) {
			return failFor('route', caught);
		}
		return { saved: 'route' };
	},
	delete: async ({ params }) => {
		const actor = requireArea('organizer');
		const route = await loadRoute(params.id);
		try {
			await deleteRoute(actor.id, route.id);
		} catch (caught) {
			return failFor('route', caught);
		}
		redirect(303, `/organizer/operations/${route.operationId}`);
	},
	checkpoint: async ({ request, params }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, checkpointSchema);
		if (form.failure) return form.failure;
		const checkpointId = form.target.startsWith('checkpoint:')
			? form.target.slice('checkpoint:'.length)
			: 'new';
		try {
			if (checkpointId === 'new') await addCheckpoint(actor.id, params.id, form.data);
			else await updateCheckpoint(actor.id, checkpointId, form.data);
		} catch (caught) {
			return failFor(form.target, caught);
		}
		return { saved: form.target };
	},
	move: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, move);
		if (form.failure) return form.failure;
		await moveCheckpoint(actor.id, form.data.id, form.data.direction);
		return { saved: 'moved' };
	},
	deleteCheckpoint: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await readForm(request, idOnly);
		if (form.failure) return form.failure;
		try {
			await deleteCheckpoint(actor.id, form.data.id);
		} catch (caught) {
			return failFor(`checkpoint:${form.data.id}`, caught);
		}
		return { saved: 'deleted' };
	}
} satisfies Actions;
