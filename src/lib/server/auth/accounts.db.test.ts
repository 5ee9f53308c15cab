import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { makeUser, PASSWORD, unique } from '$test/factories';
import { authenticate, changePassword, ensureAccount, signUp } from './accounts';
import { verifyPassword } from './password';
import { createSession, generateSessionToken, validateSessionToken } from './session';
import { LIMITS } from './throttle';
import { searchVolunteers } from '../volunteers/directory';

const rejection = (promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected a DomainError');
		},
		(error: unknown) => {
			expect(error).toBeInstanceOf(DomainError);
			return error as DomainError;
		}
	);

const newAccount = (email = `${unique('a')}@Example.org`) => ({
	name: 'Zhang Wei',
	email,
	phone: '+8613800138000',
	password: 'a long enough password',
	locale: 'zh'
});

describe('sign-up', () => {
	it('creates a PENDING volunteer with an argon2id hash and recorded consent', async () => {
		const input = newAccount();
		const user = await signUp(input);
		expect(user).toMatchObject({
			role: 'VOLUNTEER',
			status: 'PENDING',
			locale: 'zh',
			email: input.email.toLowerCase()
		});

		const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { profile: true } });
		expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(stored.passwordHash, input.password)).toBe(true);
		expect(stored.profile?.consentAt).toBeInstanceOf(Date);
	});

	it('keeps the optional languages, skills and date of birth; organizers see them in the list', async () => {
		const input = {
			...newAccount(),
			languages: ['zh', 'en'],
			skills: ['FIRST_AID'],
			birthDate: new Date('2001-04-05T00:00:00Z')
		};
		const user = await signUp(input);
		const stored = await db.user.findUniqueOrThrow({
			where: { id: user.id },
			include: { profile: true, languages: true, skills: true }
		});
		expect(stored.profile?.birthDate).toEqual(new Date('2001-04-05T00:00:00Z'));
		expect(stored.languages.map((l) => l.code).sort()).toEqual(['en', 'zh']);
		expect(stored.skills).toMatchObject([{ skill: 'FIRST_AID', verifiedAt: null }]);
		// Organizers vet new sign-ups: every organizer sees them, whatever their operations.
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const { people } = await searchVolunteers(organizer, { q: input.email, status: 'PENDING' });
		expect(people[0]).toMatchObject({
			id: user.id,
			profile: { birthDate: new Date('2001-04-05T00:00:00Z') },
			skills: [{ skill: 'FIRST_AID' }]
		});
	});

	it('refuses a second account for the same email, whatever its case', async () => {
		const input = newAccount();
		await signUp(input);
		const error = await rejection(signUp({ ...input, email: input.email.toUpperCase() }));
		expect(error.code).toBe('email_taken');
		expect(error.options.field).toBe('email');
		expect(error.status).toBe(409);
		expect(await db.user.count({ where: { email: input.email.toLowerCase() } })).toBe(1);
	});
});

describe('authenticate', () => {
	it('accepts the right password and refuses a wrong one or an unknown email', async () => {
		const user = await makeUser();
		expect((await authenticate(user.email.toUpperCase(), PASSWORD, '10.0.0.1')).id).toBe(user.id);
		expect((await rejection(authenticate(user.email, 'wrong password', '10.0.0.1'))).code).toBe(
			'invalid_credentials'
		);
		expect((await rejection(authenticate(`${unique()}@nobody.org`, PASSWORD, '10.0.0.1'))).code).toBe(
			'invalid_credentials'
		);
	});

	it('blocks an account after repeated failures, even with the right password', async () => {
		const user = await makeUser();
		for (let i = 0; i < LIMITS.account.failures; i++) {
			await rejection(authenticate(user.email, 'guess ' + i, `10.1.0.${i}`));
		}
		const error = await rejection(authenticate(user.email, PASSWORD, '10.1.1.1'));
		expect(error.code).toBe('too_many_attempts');
		expect(error.status).toBe(429);
		expect(error.options.params?.minutes).toBe(15);
	});

	it('blocks an address that fails across many accounts, but not other addresses', async () => {
		const ip = `10.2.${Math.floor(Math.random() * 250)}.9`;
		const victim = await makeUser();
		for (let i = 0; i < LIMITS.ip.failures; i++) {
			await rejection(authenticate(`${unique('spray')}@nobody.org`, 'guess', ip));
		}
		expect((await rejection(authenticate(victim.email, PASSWORD, ip))).code).toBe('too_many_attempts');
		expect((await authenticate(victim.email, PASSWORD, '10.3.0.1')).id).toBe(victim.id);
	});

	it('forgets earlier failures after a success', async () => {
		const user = await makeUser();
		for (let i = 0; i < LIMITS.account.failures - 1; i++)
			await rejection(authenticate(user.email, 'x', '10.4.0.1'));
		await authenticate(user.email, PASSWORD, '10.4.0.1');
		for (let i = 0; i < LIMITS.account.failures - 1; i++)
			await rejection(authenticate(user.email, 'x', '10.4.0.2'));
		expect((await authenticate(user.email, PASSWORD, '10.4.0.3')).id).toBe(user.id);
	});
});

describe('attempts counted before the password is checked', () => {
	it("the account page's current-password check counts as an attempt", async () => {
		const user = await makeUser();
		for (let i = 0; i < LIMITS.account.failures; i++) {
			expect(
				(await rejection(changePassword(user.id, `guess ${i}`, 'brand new password', '10.8.0.1'))).code
			).toBe('wrong_current_password');
		}
		expect((await rejection(changePassword(user.id, PASSWORD, 'brand new password', '10.8.0.1'))).code).toBe(
			'too_many_attempts'
		);
		expect((await rejection(authenticate(user.email, PASSWORD, '10.8.0.2'))).code).toBe('too_many_attempts');
	});
});

describe('changing a password', () => {
	it('needs the current password and ends every session', async () => {
		const user = await makeUser();
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const token of tokens) await createSession(token, user.id);

		expect((await rejection(changePassword(user.id, 'not it', 'brand new password'))).options.field).toBe(
			'current'
		);
		expect((await validateSessionToken(tokens[0])).user).not.toBeNull();

		await changePassword(user.id, PASSWORD, 'brand new password');
		for (const token of tokens) expect((await validateSessionToken(token)).user).toBeNull();
		expect((await authenticate(user.email, 'brand new password', '10.5.0.1')).id).toBe(user.id);
	});
});

describe('ensureAccount (admin CLI and seed)', () => {
	it('creates an active account, then promotes the same account on a second call', async () => {
		const email = `${unique('admin')}@example.org`;
		const first = await ensureAccount({
			email,
			name: 'Admin',
			password: 'first password!',
			role: 'ORGANIZER'
		});
		const second = await ensureAccount({ email, name: 'Admin', password: 'second password', role: 'ADMIN' });
		expect(first.created).toBe(true);
		expect(second).toEqual({ id: first.id, created: false });
		const stored = await db.user.findUniqueOrThrow({ where: { email } });
		expect(stored).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
		expect(await verifyPassword(stored.passwordHash, 'second password')).toBe(true);
	});
});
