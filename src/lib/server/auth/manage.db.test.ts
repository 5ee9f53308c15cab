import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser, PASSWORD } from '$test/factories';
import { authenticate } from './accounts';
import { changeRole, resetPassword } from './manage';
import { createSession, generateSessionToken, validateSessionToken } from './session';
import { makeWelcomeLink } from './welcome';
import { searchVolunteers } from '../volunteers/directory';

describe(`role changes and password resets on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('an admin changes a role: sessions end, the person is told, the audit says who, whom, from and to', async () => {
		const admin = await makeUser({ role: 'ADMIN' });
		const person = await makeUser();
		const token = generateSessionToken();
		await createSession(token, person.id);
		await changeRole(admin, person.id, 'LOGISTICS');
		expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe('LOGISTICS');
		expect((await validateSessionToken(token)).session).toBeNull();
		const [entry] = await db.auditEntry.findMany({ where: { subjectId: person.id } });
		expect(entry).toMatchObject({ actorId: admin.id, action: 'account.role_changed', operationId: null });
		expect(JSON.parse(entry.detail!)).toEqual({ from: 'VOLUNTEER', to: 'LOGISTICS' });
		expect(await db.notice.count({ where: { userId: person.id, kind: 'account' } })).toBe(1);
	});

	it("organizers, logistics staff and volunteers change nobody's role; nobody their own", async () => {
		const admin = await makeUser({ role: 'ADMIN' });
		const person = await makeUser();
		for (const role of ['ORGANIZER', 'LOGISTICS', 'VOLUNTEER'] as const) {
			const actor = await makeUser({ role });
			await expect(changeRole(actor, person.id, 'ADMIN')).rejects.toMatchObject({ status: 403 });
		}
		await expect(changeRole(admin, admin.id, 'VOLUNTEER')).rejects.toMatchObject({
			code: 'cannot_manage_own_account'
		});
		await expect(changeRole(admin, 'no-such-person', 'ADMIN')).rejects.toMatchObject({ status: 404 });
		expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe('VOLUNTEER');
	});

	it('an admin resets a password: the old one stops working, sessions end, inbox message, audited, then a link', async () => {
		const admin = await makeUser({ role: 'ADMIN' });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const person = await makeUser({ role: 'LOGISTICS' });
		const token = generateSessionToken();
		await createSession(token, person.id);
		await expect(resetPassword(organizer, person.id)).rejects.toMatchObject({ code: 'may_not_manage' });

		await resetPassword(admin, person.id);
		await expect(authenticate(person.email, PASSWORD, '198.51.100.40')).rejects.toMatchObject({
			code: 'invalid_credentials'
		});
		expect((await validateSessionToken(token)).session).toBeNull();
		expect(await db.notice.findMany({ where: { userId: person.id } })).toMatchObject([
			{ kind: 'account', title: 'Your password was reset' }
		]);
		expect(await db.auditEntry.findMany({ where: { subjectId: person.id } })).toMatchObject([
			{ actorId: admin.id, action: 'account.password_reset' }
		]);
		await expect(makeWelcomeLink(admin, person.id)).resolves.toHaveProperty('token');
	});

	it('admins find staff accounts in the list to change them; the default list is volunteers', async () => {
		const admin = await makeUser({ role: 'ADMIN' });
		const organizer = await makeUser({ role: 'ORGANIZER', name: 'Staff Finder Olga' });
		const ids = async (role?: 'ORGANIZER' | 'ALL') =>
			(await searchVolunteers(admin, { q: 'Staff Finder', role })).people.map((p) => p.id);
		expect(await ids()).toEqual([]);
		expect(await ids('ORGANIZER')).toEqual([organizer.id]);
		expect(await ids('ALL')).toEqual([organizer.id]);
	});
});
