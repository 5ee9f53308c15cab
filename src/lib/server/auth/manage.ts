// What admins do to other people's accounts beyond approving and suspending them
// (volunteers/approval.ts): change a role, reset a password. Both go through the permission table
// (permissions.ts), end the person's sessions and are audited with who, whom and when.
import { randomBytes } from 'node:crypto';
import { audit } from '../audit';
import { db, type Role } from '../db';
import { NotFoundError } from '../errors';
import { requirePersonInScope } from '../operations/access';
import { text } from '../notify/from-events';
import { writeNotices } from '../notify/outbox';
import { hashPassword } from './password';
import { requireMayManage } from './permissions';

interface Actor {
	id: string;
	role: Role;
}

async function target(actor: Actor, userId: string) {
	await requirePersonInScope(actor, userId);
	const user = await db.user.findUnique({
		where: { id: userId },
		select: { id: true, role: true, locale: true, name: true }
	});
	if (!user) throw new NotFoundError('account');
	return user;
}

/** Gives a person another role; their sessions end so every device picks up the new one. */
export async function changeRole(actor: Actor, userId: string, role: Role): Promise<void> {
	const user = await target(actor, userId);
	requireMayManage(actor, user, 'changeRole', role);
	if (user.role === role) return;
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { role } });
		await tx.session.deleteMany({ where: { userId } });
		await audit(tx, {
			actorId: actor.id,
			action: 'account.role_changed',
			subjectType: 'User',
			subjectId: userId,
			operationId: null,
			detail: { from: user.role, to: role }
		});
		await writeNotices(tx, [
			{
				userId,
				kind: 'account',
				title: text('account_role_changed_title', user.locale),
				body: text('account_role_changed_body', user.locale, { role: text(`role_${role}`, user.locale) }),
				url: '/'
			}
		]);
	});
}

/**
 * Forgets a person's password: nobody knows the new random one, every session ends, and the
 * account may get a sign-in link (welcome.ts) to choose a new one. The person finds a message
 * about it in their inbox once they are back in.
 */
export async function resetPassword(actor: Actor, userId: string): Promise<void> {
	const user = await target(actor, userId);
	requireMayManage(actor, user, 'resetPassword');
	const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordSetAt: null } });
		await tx.session.deleteMany({ where: { userId } });
		await audit(tx, {
			actorId: actor.id,
			action: 'account.password_reset',
			subjectType: 'User',
			subjectId: userId,
			operationId: null
		});
		await writeNotices(tx, [
			{
				userId,
				kind: 'account',
				title: text('account_password_reset_title', user.locale),
				body: text('account_password_reset_body', user.locale),
				url: '/account'
			}
		]);
	});
}
