import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import { authenticate } from './accounts';
import { createSession, generateSessionToken, validateSessionToken } from './session';
import { acceptWelcomeLink, makeWelcomeLink, openWelcomeLink } from './welcome';

const DAY = 86_400_000;
const NEW_PASSWORD = 'a password of my own';

async function organizerAndImported() {
	const organizer = await makeUser({ role: 'ORGANIZER' });
	const person = await makeUser({ name: 'Imported Ivy', passwordSet: false });
	return { organizer, person };
}

describe('welcome links', () => {
	it('let the person set a password once, sign in with it, and end their older sessions', async () => {
		const { organizer, person } = await organizerAndImported();
		const old = generateSessionToken();
		await createSession(old, person.id);
		const { token } = await makeWelcomeLink(organizer, person.id);

		expect(await openWelcomeLink(token)).toMatchObject({ id: person.id, name: 'Imported Ivy' });
		const user = await acceptWelcomeLink(token, NEW_PASSWORD);
		expect(user.id).toBe(person.id);
		expect((await authenticate(person.email, NEW_PASSWORD, '198.51.100.7')).id).toBe(person.id);
		expect((await validateSessionToken(old)).session).toBeNull();

		await expect(acceptWelcomeLink(token, 'someone else now')).rejects.toMatchObject({
			code: 'welcome_used'
		});
		await expect(openWelcomeLink(token)).rejects.toMatchObject({ code: 'welcome_used', status: 410 });
	});

	it('of two tabs racing with one link, exactly one sets the password', async () => {
		const { organizer, person } = await organizerAndImported();
		const { token } = await makeWelcomeLink(organizer, person.id);
		const results = await Promise.allSettled([
			acceptWelcomeLink(token, 'first tab password'),
			acceptWelcomeLink(token, 'second tab password')
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
	});

	it('expire after a week and refuse altered or foreign tokens', async () => {
		const { organizer, person } = await organizerAndImported();
		const now = new Date();
		const { token } = await makeWelcomeLink(organizer, person.id, now);
		await expect(openWelcomeLink(token, new Date(now.getTime() + 8 * DAY))).rejects.toMatchObject({
			code: 'welcome_expired'
		});
		const [body, signature] = token.split('.');
		const forged = `${Buffer.from(JSON.stringify({ userId: organizer.id, expiresAt: Date.now() + DAY, fingerprint: 'x' })).toString('base64url')}.${signature}`;
		await expect(openWelcomeLink(forged)).rejects.toMatchObject({ code: 'welcome_invalid', status: 404 });
		await expect(openWelcomeLink(`${body}.${signature}x`)).rejects.toMatchObject({ code: 'welcome_invalid' });
	});

	it('are made by organizers only for volunteers, by admins for staff, never for oneself, and audited', async () => {
		const { organizer } = await organizerAndImported();
		const otherOrganizer = await makeUser({ role: 'ORGANIZER', passwordSet: false });
		const logistics = await makeUser({ role: 'LOGISTICS', passwordSet: false });
		const admin = await makeUser({ role: 'ADMIN' });
		await expect(makeWelcomeLink(organizer, otherOrganizer.id)).rejects.toMatchObject({
			code: 'may_not_manage'
		});
		await expect(makeWelcomeLink(organizer, logistics.id)).rejects.toMatchObject({ code: 'may_not_manage' });
		await expect(makeWelcomeLink(organizer, organizer.id)).rejects.toMatchObject({
			code: 'welcome_own_account'
		});
		await expect(makeWelcomeLink(admin, otherOrganizer.id)).resolves.toHaveProperty('token');
		await expect(makeWelcomeLink(organizer, 'no-such-person')).rejects.toMatchObject({ status: 404 });
		const entries = await db.auditEntry.findMany({ where: { subjectId: otherOrganizer.id } });
		expect(entries).toMatchObject([
			{ actorId: admin.id, action: 'account.sign_in_link', subjectType: 'User' }
		]);
	});

	it('are refused for anyone who chose their own password (no silent takeover)', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const admin = await makeUser({ role: 'ADMIN' });
		const volunteer = await makeUser();
		await expect(makeWelcomeLink(organizer, volunteer.id)).rejects.toMatchObject({
			code: 'welcome_has_password',
			status: 409
		});
		await expect(makeWelcomeLink(admin, volunteer.id)).rejects.toMatchObject({
			code: 'welcome_has_password'
		});
		expect(await db.auditEntry.count({ where: { subjectId: volunteer.id } })).toBe(0);
		// Once a person sets a password from a link, no new link can be made for them.
		const imported = await makeUser({ passwordSet: false });
		const { token } = await makeWelcomeLink(organizer, imported.id);
		await acceptWelcomeLink(token, NEW_PASSWORD);
		await expect(makeWelcomeLink(organizer, imported.id)).rejects.toMatchObject({
			code: 'welcome_has_password'
		});
	});
});
