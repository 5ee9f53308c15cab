// Creating accounts, signing in and changing passwords. No SvelteKit here: routes call these and
// map DomainError to form messages.
import { db, isUniqueViolation, type Role } from '../db';
import { DomainError } from '../errors';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { invalidateUserSessions, type SessionUser } from './session';
import { clearFailures, recordFailure, retryAfter } from './throttle';

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
}

/** A volunteer signs up: the account waits (PENDING) until an organizer approves it. */
export async function signUp(input: NewAccount, now = new Date()): Promise<SessionUser> {
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.user.create({
			data: {
				name: input.name,
				email: input.email.toLowerCase(),
				phone: input.phone ?? null,
				passwordHash,
				locale: input.locale,
				role: 'VOLUNTEER',
				status: 'PENDING',
				profile: { create: { consentAt: now } }
			},
			select: sessionUserFields
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError('email_taken', { field: 'email', status: 409 });
		throw error;
	}
}

/**
 * Checks an email and password. Failures count against both the account and the address they
 * came from; either one over its limit blocks further attempts for a while.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<SessionUser> {
	const normalised = email.toLowerCase();
	const wait = await retryAfter([
		{ scope: 'account', value: normalised },
		{ scope: 'ip', value: ip }
	]);
	if (wait > 0) {
		throw new DomainError('too_many_attempts', {
			status: 429,
			params: { minutes: Math.ceil(wait / 60_000) }
		});
	}
	const user = await db.user.findUnique({
		where: { email: normalised },
		select: { ...sessionUserFields, passwordHash: true }
	});
	const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
	if (!user || !valid) {
		await recordFailure('account', normalised);
		await recordFailure('ip', ip);
		throw new DomainError('invalid_credentials', { status: 400 });
	}
	await clearFailures('account', normalised);
	const { passwordHash: _omit, ...sessionUser } = user;
	return sessionUser;
}

/** A new password ends every session of the account, on every device. */
export async function changePassword(userId: string, current: string, next: string): Promise<void> {
	const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
	if (!(await verifyPassword(user.passwordHash, current))) {
		throw new DomainError('wrong_current_password', { field: 'current' });
	}
	await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
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
			data: { role: input.role, status: 'ACTIVE', passwordHash }
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
