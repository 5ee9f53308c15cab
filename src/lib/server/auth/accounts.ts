// Creating accounts, signing in and changing passwords. No SvelteKit here: routes call these and
// map DomainError to form messages.
import { db, isUniqueViolation, type Role } from '../db';
import { DomainError } from '../errors';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { invalidateUserSessions, type SessionUser } from './session';
import { clear, release, reserve } from './throttle';

const sessionUserFields = {
	id: true,
	name: true,
	email: true,
	role: true,
	status: true,
	locale: true
} as const;

export interface NewAccount {
	name: string;
	email: string;
	phone?: string;
	password: string;
	locale: string;
	/** Optional at sign-up, editable later on the profile; organizers see them when approving. */
	languages?: string[];
	skills?: string[];
	birthDate?: Date;
}

/**
 * A volunteer signs up: the account waits (PENDING) until an organizer approves it. Sign-ups are
 * counted per address, and an address already taken is refused before any password is hashed.
 */
export async function signUp(input: NewAccount, ip = 'unknown', now = new Date()): Promise<SessionUser> {
	const email = input.email.toLowerCase();
	await reserve([{ scope: 'signup', value: ip }], now, 'too_many_signups');
	if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
		throw new DomainError('email_taken', { field: 'email', status: 409 });
	}
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.user.create({
			data: {
				name: input.name,
				email,
				phone: input.phone ?? null,
				passwordHash,
				passwordSetAt: now,
				locale: input.locale,
				role: 'VOLUNTEER',
				status: 'PENDING',
				profile: {
					create: { consentAt: now, birthDate: input.birthDate ?? null }
				},
				languages: { create: (input.languages ?? []).map((code) => ({ code })) },
				skills: { create: (input.skills ?? []).map((skill) => ({ skill })) }
			},
			select: sessionUserFields
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('email_taken', { field: 'email', status: 409 });
		throw error;
	}
}

/**
 * Checks an email and password. Each attempt is counted against both the account and the address
 * before the password is checked (throttle.ts), so parallel guesses cannot outrun the count; a
 * success gives the attempt back and forgets the account's failures.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<SessionUser> {
	const normalised = email.toLowerCase();
	const account = { scope: 'account', value: normalised } as const;
	const address = { scope: 'ip', value: ip } as const;
	await reserve([account, address]);
	const user = await db.user.findUnique({
		where: { email: normalised },
		select: { ...sessionUserFields, passwordHash: true }
	});
	const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
	if (!user || !valid) throw new DomainError('invalid_credentials', { status: 400 });
	await clear(account);
	await release(address);
	const { passwordHash: _omit, ...sessionUser } = user;
	return sessionUser;
}

/**
 * A new password ends every session of the account, on every device. The current-password check
 * counts as a sign-in attempt (a stolen session must not become a way to guess the password).
 */
export async function changePassword(
	userId: string,
	current: string,
	next: string,
	ip = 'unknown'
): Promise<void> {
	const user = await db.user.findUniqueOrThrow({
		where: { id: userId },
		select: { passwordHash: true, email: true }
	});
	const account = { scope: 'account', value: user.email } as const;
	const address = { scope: 'ip', value: ip } as const;
	await reserve([account, address]);
	if (!(await verifyPassword(user.passwordHash, current))) {
		throw new DomainError('wrong_current_password', { field: 'current' });
	}
	await clear(account);
	await release(address);
	await db.user.update({
		where: { id: userId },
		data: { passwordHash: await hashPassword(next), passwordSetAt: new Date() }
	});
	await invalidateUserSessions(userId);
}

export async function setLocale(userId: string, locale: string): Promise<void> {
	await db.user.update({ where: { id: userId }, data: { locale } });
}

/** Creates an active account with a given role, or gives an existing one that role (the admin CLI and the seed). */
export async function ensureAccount(input: {
	email: string;
	name: string;
	password: string;
	role: Role;
	phone?: string;
}): Promise<{ id: string; created: boolean }> {
	const email = input.email.toLowerCase();
	const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
	const passwordHash = await hashPassword(input.password);
	if (existing) {
		await db.user.update({
			where: { id: existing.id },
			data: { role: input.role, status: 'ACTIVE', passwordHash, passwordSetAt: new Date() }
		});
		await invalidateUserSessions(existing.id);
		return { id: existing.id, created: false };
	}
	const user = await db.user.create({
		data: {
			email,
			name: input.name,
			phone: input.phone ?? null,
			passwordHash,
			passwordSetAt: new Date(),
			role: input.role,
			status: 'ACTIVE',
			profile: { create: {} }
		},
		select: { id: true }
	});
	return { id: user.id, created: true };
}

export async function accountStatus(userId: string) {
	return db.user.findUniqueOrThrow({
		where: { id: userId },
		select: { name: true, status: true, statusReason: true }
	});
}
