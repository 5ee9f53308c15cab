import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import {
	createSession,
	deleteExpiredSessions,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME,
	sessionIdFromToken,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
	it('store only the SHA-256 of the token and find the user by the token', async () => {
		const user = await makeUser({ name: 'Ana Li' });
		const token = generateSessionToken();
		await createSession(token, user.id);

		const rows = await db.session.findMany({ where: { userId: user.id } });
		expect(rows).toHaveLength(1);
		expect(rows[0].id).not.toContain(token);
		// Computed apart from the code under test (node:crypto, not @oslojs), so a wrong hash shows.
		expect(rows[0].id).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
		expect(sessionIdFromToken(token)).toBe(rows[0].id);
		// A known vector: SHA-256("abc").
		expect(sessionIdFromToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);

		const { user: found } = await validateSessionToken(token);
		expect(found).toEqual({
			id: user.id,
			name: 'Ana Li',
			email: user.email,
			role: 'VOLUNTEER',
			status: 'ACTIVE',
			locale: 'en'
		});
	});

	it('make tokens of 160 random bits that never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
		for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('reject an unknown token and delete an expired session', async () => {
		const user = await makeUser();
		expect(await validateSessionToken(generateSessionToken())).toEqual({ session: null, user: null });

		const token = generateSessionToken();
		const session = await createSession(token, user.id);
		await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
		expect((await validateSessionToken(token)).session).toBeNull();
		expect(await db.session.count({ where: { id: session.id } })).toBe(0);
	});

	it('slide the expiry forward only when under 15 days remain', async () => {
		const user = await makeUser();
		const token = generateSessionToken();
		const session = await createSession(token, user.id);
		expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_LIFETIME - 60_000);

		const in20Days = new Date(Date.now() + 20 * DAY);
		await db.session.update({ where: { id: session.id }, data: { expiresAt: in20Days } });
		expect((await validateSessionToken(token)).session?.expiresAt.getTime()).toBe(in20Days.getTime());

		await db.session.update({
			where: { id: session.id },
			data: { expiresAt: new Date(Date.now() + 10 * DAY) }
		});
		const renewed = (await validateSessionToken(token)).session!;
		expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
		const stored = await db.session.findUniqueOrThrow({ where: { id: session.id } });
		expect(stored.expiresAt.getTime()).toBe(renewed.expiresAt.getTime());
	});

	it('end one session, or every session of a user', async () => {
		const user = await makeUser();
		const other = await makeUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const first = await createSession(a, user.id);
		await createSession(b, user.id);
		await createSession(c, other.id);

		await invalidateSession(first.id);
		expect((await validateSessionToken(a)).user).toBeNull();
		expect((await validateSessionToken(b)).user?.id).toBe(user.id);

		await invalidateUserSessions(user.id);
		expect((await validateSessionToken(b)).user).toBeNull();
		expect((await validateSessionToken(c)).user?.id).toBe(other.id);
	});

	it('clean up expired sessions in bulk', async () => {
		const user = await makeUser();
		const live = await createSession(generateSessionToken(), user.id);
		const dead = await createSession(generateSessionToken(), user.id);
		await db.session.update({ where: { id: dead.id }, data: { expiresAt: new Date(Date.now() - DAY) } });
		expect(await deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
		expect(await db.session.count({ where: { id: { in: [live.id, dead.id] } } })).toBe(1);
	});
});
