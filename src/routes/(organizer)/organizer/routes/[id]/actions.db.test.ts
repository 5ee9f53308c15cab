// The route page's checkpoint actions, called as SvelteKit calls them: a checkpoint deleted (in
// another tab) or of another route is a 404 with a message, never a 500.
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { deleteCheckpoint } from '$lib/server/operations/setup';
import { makeOperation, makeRoute, makeUser } from '$test/factories';
import { actions } from './+page.server';

function post(user: SessionUser, routeId: string, fields: Record<string, string>) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	const url = new URL(`http://test.redband/organizer/routes/${routeId}?/move`);
	return {
		request: new Request(url, { method: 'POST', body }),
		url,
		params: { id: routeId },
		locals: { user, session: null }
	} as unknown as RequestEvent<{ id: string }, '/(organizer)/organizer/routes/[id]'>;
}

describe('moving a checkpoint', () => {
	it('answers 404 with a message for a checkpoint deleted meanwhile, or of another route', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		await db.operationMember.create({ data: { operationId: operation.id, userId: organizer.id } });
		const user = { ...organizer, status: 'ACTIVE' } as unknown as SessionUser;
		const route = await makeRoute(operation.id, { checkpoints: 2 });
		const other = await makeRoute(operation.id, { checkpoints: 1 });
		const [first] = await db.checkpoint.findMany({
			where: { routeId: route.id },
			orderBy: { position: 'asc' }
		});
		await deleteCheckpoint(organizer.id, route.id, first.id);

		const gone = await actions.move(post(user, route.id, { id: first.id, direction: 'down' }));
		expect(gone).toMatchObject({ status: 404, data: { form: 'checkpoint', message: expect.any(String) } });

		const foreign = await db.checkpoint.findFirstOrThrow({ where: { routeId: other.id } });
		const elsewhere = await actions.move(post(user, route.id, { id: foreign.id, direction: 'up' }));
		expect(elsewhere).toMatchObject({ status: 404, data: { form: 'checkpoint' } });
	});
});
