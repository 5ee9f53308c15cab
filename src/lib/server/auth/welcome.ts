// Welcome links: how a person whose account an organizer created (a roster import), or whose
// password an admin reset, sets their own password. Only an account whose person never chose a
// password gets one (User.passwordSetAt is null): a link for anyone else would be a silent
// takeover. Who may make one for whom is the permission table's (permissions.ts); each is audited. Nobody sends email here, so the organizer passes the link on through whatever channel
// the team uses. The link is signed, expires after a week and works once: it carries a
// fingerprint of the password hash it was made for, and setting a password changes that hash.
import { createHash } from 'node:crypto';
import { WELCOME_LINK_DAYS } from '$lib/welcome';
import { audit } from '../audit';
import { db, type Role } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { requirePersonInScope } from '../operations/access';
import { requireMayManage } from './permissions';
import { readToken, signToken } from '../signing';
import { hashPassword } from './password';
import { invalidateUserSessions, type SessionUser } from './session';

const PURPOSE = 'welcome';

interface WelcomePayload {
	userId: string;
	expiresAt: number;
	/** Ties the link to the password it replaces, so it stops working once used. */
	fingerprint: string;
}

const fingerprint = (passwordHash: string) =>
	createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);

export async function makeWelcomeLink(
	actor: { id: string; role: Role },
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date; name: string }> {
	await requirePersonInScope(actor, userId);
	const user = await db.user.findUnique({
		where: { id: userId },
		select: { id: true, name: true, role: true, passwordHash: true, passwordSetAt: true }
	});
	if (!user) throw new NotFoundError('account');
	if (user.id === actor.id) throw new DomainError('welcome_own_account', { status: 403 });
	requireMayManage(actor, user, 'signInLink');
	if (user.passwordSetAt) throw new DomainError('welcome_has_password', { status: 409 });
	await audit(db, {
		actorId: actor.id,
		action: 'account.sign_in_link',
		subjectType: 'User',
		subjectId: user.id,
		operationId: null
	});
	const expiresAt = new Date(now.getTime() + WELCOME_LINK_DAYS * 86_400_000);
	const payload: WelcomePayload = {
		userId: user.id,
		expiresAt: expiresAt.getTime(),
		fingerprint: fingerprint(user.passwordHash)
	};
	return { token: signToken(PURPOSE, payload), expiresAt, name: user.name };
}

/** Who a link is for, or a clear reason it no longer works. */
export async function openWelcomeLink(token: string, now = new Date()) {
	const { passwordHash: _omit, ...person } = await linkedAccount(token, now);
	return person;
}

/** Sets the person's password from a link; every earlier session of theirs ends. */
export async function acceptWelcomeLink(
	token: string,
	password: string,
	now = new Date()
): Promise<SessionUser> {
	const { passwordHash: linkedHash, ...person } = await linkedAccount(token, now);
	// Replace only the hash the link was made for: of two tabs racing, one uses the link.
	const { count } = await db.user.updateMany({
		where: { id: person.id, passwordHash: linkedHash },
		data: { passwordHash: await hashPassword(password), passwordSetAt: now }
	});
	if (count !== 1) throw new DomainError('welcome_used', { status: 410 });
	await invalidateUserSessions(person.id);
	return person;
}

async function linkedAccount(token: string, now: Date) {
	const payload = readToken<WelcomePayload>(PURPOSE, token);
	if (!payload || typeof payload.userId !== 'string')
		throw new DomainError('welcome_invalid', { status: 404 });
	if (payload.expiresAt < now.getTime()) throw new DomainError('welcome_expired', { status: 410 });
	const user = await db.user.findUnique({
		where: { id: payload.userId },
		select: { id: true, name: true, email: true, role: true, status: true, locale: true, passwordHash: true }
	});
	if (!user || fingerprint(user.passwordHash) !== payload.fingerprint) {
		throw new DomainError('welcome_used', { status: 410 });
	}
	return user;
}
