import type { RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formState } from '$lib/forms';
import { db } from '$lib/server/db';
import { makeOperation, makeUser } from '$test/factories';
import { DomainError } from './errors';
import { formAction, guestAction, operationAction, publicAction } from './forms';
import type { SessionUser } from './auth/session';

function post(user: SessionUser | null, fields: Record<string, string>, params: Record<string, string> = {}) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	const url = new URL('http://test.redband/organizer/operations/x?/zone');
	return {
		request: new Request(url, { method: 'POST', body }),
		url,
		params,
		locals: { user, session: null }
	} as unknown as RequestEvent;
}

const asSessionUser = (user: { id: string; name: string; email: string; role: string; locale: string }) =>
	({ ...user, status: 'ACTIVE' }) as SessionUser;

const named = v.object({ id: v.optional(v.string()), name: v.pipe(v.string(), v.nonEmpty('Name, please')) });

describe('formAction', () => {
	it('answers a bad field with the form name, the field message and the values sent back', async () => {
		const action = formAction({ area: 'organizer', form: 'zone', schema: named, run: () => undefined });
		const organizer = asSessionUser(await makeUser({ role: 'ORGANIZER' }));
		const answer = await action(post(organizer, { id: 'z1', name: '', password: 'secret' }));
		expect(answer).toMatchObject({
			status: 400,
			data: { form: 'zone', errors: { name: 'Name, please' }, values: { id: 'z1', name: '' } }
		});
		expect(JSON.stringify(answer)).not.toContain('secret');
		const state = formState((answer as { data: unknown }).data, 'zone', 'z1');
		expect(state).toMatchObject({ failed: true, errors: { name: 'Name, please' } });
		expect(formState((answer as { data: unknown }).data, 'zone', 'other').failed).toBe(false);
	});

	it('turns a DomainError into its status and translated message, tied to its field', async () => {
		const action = formAction({
			area: 'organizer',
			form: 'zone',
			schema: named,
			fieldAliases: { postId: 'name' },
			run: () => {
				throw new DomainError('zone_name_taken', { field: 'postId', status: 409 });
			}
		});
		const organizer = asSessionUser(await makeUser({ role: 'ORGANIZER' }));
		const answer = await action(post(organizer, { name: 'North' }));
		expect(answer).toMatchObject({
			status: 409,
			data: { form: 'zone', errors: { name: expect.any(String) } }
		});
		expect((answer as unknown as { data: { errors: { name: string } } }).data.errors.name).not.toBe(
			'zone_name_taken'
		);
	});

	it('makes a write to a record that does not exist a 404, not a 500', async () => {
		const action = formAction({
			area: 'organizer',
			form: 'zone',
			schema: named,
			run: ({ data }) =>
				db.zone.update({ where: { id: 'no-such-zone' }, data: { name: data.name } }).then(() => {})
		});
		const organizer = asSessionUser(await makeUser({ role: 'ORGANIZER' }));
		expect(await action(post(organizer, { name: 'North' }))).toMatchObject({
			status: 404,
			data: { form: 'zone', message: expect.any(String) }
		});
	});

	it('refuses a role outside the area before reading the form', async () => {
		let ran = false;
		const action = formAction({
			area: 'organizer',
			form: 'zone',
			schema: named,
			run: () => {
				ran = true;
			}
		});
		const volunteer = asSessionUser(await makeUser({ role: 'VOLUNTEER' }));
		await expect(action(post(volunteer, { name: 'North' }))).rejects.toMatchObject({ status: 403 });
		expect(ran).toBe(false);
	});
});

describe('operationAction', () => {
	it('runs on an operation the organizer belongs to and answers 404 for any other', async () => {
		const mine = await makeOperation();
		const theirs = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		await db.operationMember.create({ data: { operationId: mine.id, userId: organizer.id } });
		const seen: string[] = [];
		const action = operationAction({
			area: 'organizer',
			form: 'zone',
			schema: named,
			operation: ({ params }) => params.id,
			run: ({ operation }) => {
				seen.push(operation.id);
				return { id: 'made' };
			}
		});
		const user = asSessionUser(organizer);
		expect(await action(post(user, { name: 'A' }, { id: mine.id }))).toEqual({
			form: 'zone',
			done: true,
			id: 'made'
		});
		expect(await action(post(user, { name: 'B' }, { id: theirs.id }))).toMatchObject({
			status: 404,
			data: { form: 'zone' }
		});
		expect(seen).toEqual([mine.id]);
	});

	it('lets an admin work on every operation', async () => {
		const operation = await makeOperation();
		const admin = asSessionUser(await makeUser({ role: 'ADMIN' }));
		const action = operationAction({
			area: 'organizer',
			form: 'zone',
			schema: named,
			operation: ({ params }) => params.id,
			run: ({ operation: scoped }) => ({ id: scoped.id })
		});
		expect(await action(post(admin, { name: 'A' }, { id: operation.id }))).toMatchObject({
			id: operation.id
		});
	});
});

describe('publicAction', () => {
	it('runs with nobody signed in, and a refusal carries its code, its field and the values but no password', async () => {
		const action = publicAction({
			form: 'signup',
			schema: v.object({ email: v.string(), password: v.string() }),
			run: ({ data }) => {
				if (data.email === 'taken@example.org')
					throw new DomainError('email_taken', { field: 'email', status: 409 });
				return { email: data.email };
			}
		});
		expect(await action(post(null, { email: 'new@example.org', password: 'long secret' }))).toEqual({
			form: 'signup',
			done: true,
			email: 'new@example.org'
		});
		const refused = await action(post(null, { email: 'taken@example.org', password: 'long secret' }));
		expect(refused).toMatchObject({
			status: 409,
			data: { form: 'signup', code: 'email_taken', errors: { email: expect.any(String) } }
		});
		expect(JSON.stringify(refused)).not.toContain('long secret');
		expect(formState((refused as { data: unknown }).data, 'signup')).toMatchObject({
			failed: true,
			code: 'email_taken',
			values: { email: 'taken@example.org' }
		});
	});
});

describe('guestAction', () => {
	const guestPost = (body: string, headers: Record<string, string> = {}) => {
		const url = new URL('http://test.redband/g/ABCDEFGH?/help');
		return {
			request: new Request(url, {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
			}),
			url,
			params: {},
			locals: { user: null, session: null },
			getClientAddress: () => '198.51.100.7'
		} as unknown as RequestEvent;
	};

	it('refuses a body over its size, or of unknown size, before reading it', async () => {
		let ran = false;
		const action = guestAction({
			form: 'help',
			schema: named,
			maxBytes: 64,
			run: () => {
				ran = true;
			}
		});
		const long = `name=${'x'.repeat(100)}`;
		const big = guestPost(long, { 'content-length': String(long.length) });
		expect(await action(big)).toMatchObject({
			status: 413,
			data: { form: 'help', message: expect.any(String) }
		});
		expect(await action(guestPost('name=Ana'))).toMatchObject({ status: 413 });
		expect(ran).toBe(false);
	});

	it('runs without a session, knows the address, and answers domain errors in the guest catalogue', async () => {
		const addresses: string[] = [];
		const action = guestAction({
			form: 'help',
			schema: named,
			maxBytes: 1024,
			run: ({ address }) => {
				addresses.push(address);
				throw new DomainError('rate_limited', { status: 429, params: { count: 3 } });
			}
		});
		const body = 'name=Ana';
		const answer = await action(guestPost(body, { 'content-length': String(body.length) }));
		expect(answer).toMatchObject({
			status: 429,
			data: {
				form: 'help',
				message: 'Too many requests from here. Please try again in 3 minutes, or call the number on the card.'
			}
		});
		expect(addresses).toEqual(['198.51.100.7']);
	});
});
