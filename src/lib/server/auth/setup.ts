// The first administrator of an installation started without the demo (REDBAND_DEMO=off): the
// start script prints a one-time link; its page creates the admin. Only the SHA-256 of the token
// is stored, the link expires after 24 hours and works once, and it works only while the
// installation has no administrator. `npm run admin` is the only other way to make one.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '../db';
import { DomainError } from '../errors';
import { audit } from '../audit';
import { hashPassword } from './password';
import type { SessionUser } from './session';

export const SETUP_LINK_HOURS = 24;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function hasAdmin(): Promise<boolean> {
	return (await db.user.count({ where: { role: 'ADMIN' } })) > 0;
}

/**
 * A new first-admin link token, or null when there already is an administrator. Earlier unused
 * tokens stop working: only the link printed last is valid.
 */
export async function makeSetupToken(now = new Date()): Promise<string | null> {
	if (await hasAdmin()) return null;
	const token = randomBytes(32).toString('base64url');
	await db.$transaction([
		db.setupToken.deleteMany({ where: { usedAt: null } }),
		db.setupToken.create({
			data: { tokenHash: hashOf(token), expiresAt: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000) }
		})
	]);
	return token;
}

/** Whether a link still works; a DomainError saying why not otherwise. */
export async function checkSetupToken(token: string, now = new Date()): Promise<void> {
	const row = await db.setupToken.findUnique({ where: { tokenHash: hashOf(token) } });
	if (!row) throw new DomainError('setup_invalid', { status: 404 });
	if (row.usedAt || (await hasAdmin())) throw new DomainError('setup_used', { status: 410 });
	if (row.expiresAt <= now) throw new DomainError('setup_expired', { status: 410 });
}

/** Creates the first administrator from a link; of two racing submissions one wins. */
export async function createFirstAdmin(
	token: string,
	input: { name: string; email: string; password: string },
	now = new Date()
): Promise<SessionUser> {
	await checkSetupToken(token, now);
	const passwordHash = await hashPassword(input.password);
	return db.$transaction(async (tx) => {
		const { count } = await tx.setupToken.updateMany({
			where: { tokenHash: hashOf(token), usedAt: null, expiresAt: { gt: now } },
			data: { usedAt: now }
		});
		if (count !== 1) throw new DomainError('setup_used', { status: 410 });
		if ((await tx.user.count({ where: { role: 'ADMIN' } })) > 0) {
			throw new DomainError('setup_used', { status: 410 });
		}
		const email = input.email.toLowerCase();
		if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
			throw new DomainError('email_taken', { field: 'email', status: 409 });
		}
		const user = await tx.user.create({
			data: {
				email,
				name: input.name,
				passwordHash,
				passwordSetAt: now,
				role: 'ADMIN',
				status: 'ACTIVE',
				profile: { create: {} }
			},
			select: { id: true, name: true, email: true, role: true, status: true, locale: true }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'account.first_admin',
			subjectType: 'User',
			subjectId: user.id,
			operationId: null
		});
		return user;
	});
}
