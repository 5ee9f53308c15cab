// Vetting: new volunteer accounts stay PENDING until an organizer approves them.
import { audit } from '../audit';
import { requireMayManage, type AccountAction } from '../auth/permissions';
import { invalidateUserSessions } from '../auth/session';
import { db, type AccountStatus, type Role } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { peopleOf, type OperationActor } from '../operations/access';

export async function listByStatus(status: AccountStatus, take = 100) {
	return db.user.findMany({
		where: { status },
		orderBy: { createdAt: 'asc' },
		take,
		select: {
			id: true,
			name: true,
			email: true,
			phone: true,
			role: true,
			createdAt: true,
			statusReason: true
		}
	});
}

/** Sign-ups waiting for `viewer` to decide (those of the directory they see). */
export async function countPending(viewer: OperationActor): Promise<number> {
	return db.user.count({ where: { AND: [peopleOf(viewer), { status: 'PENDING' }] } });
}

/** The status changes there are, and the action of the permission table each one is. */
const allowed: Record<AccountStatus, Partial<Record<AccountStatus, AccountAction>>> = {
	PENDING: { ACTIVE: 'approve', REJECTED: 'reject' },
	ACTIVE: { SUSPENDED: 'suspend' },
	SUSPENDED: { ACTIVE: 'reinstate' },
	REJECTED: { ACTIVE: 'reinstate' }
};

/**
 * Approves, rejects, suspends or reinstates an account. Rejecting and suspending need a reason
 * the person will see, and end their sessions.
 *
 * Approving with an `operationId` makes the person a member of that operation (OperationMember):
 * broadcasts and the fill proposal reach the members of an operation. Organizers approve into the
 * operation they are working on (the caller checks they work on it); placing someone on a shift
 * also makes them a member of its operation (shifts/roster.ts), and the roster import adds everyone
 * it creates. Who may decide about whom is the permission table's (auth/permissions.ts); only
 * people the actor may see (operations/access.ts, peopleOf) can be decided about: anyone else is
 * a 404, like an account that does not exist. Returns the person's name, for the page to say.
 */
export async function decideAccount(input: {
	actor: { id: string; role: Role };
	userId: string;
	status: AccountStatus;
	reason?: string;
	operationId?: string;
}): Promise<{ name: string }> {
	const { actor, userId, status, reason, operationId } = input;
	if (actor.id === userId) throw new DomainError('cannot_decide_own_account', { status: 403 });
	const needsReason = status === 'REJECTED' || status === 'SUSPENDED';
	if (needsReason && !reason?.trim()) throw new DomainError('reason_required', { field: 'reason' });
	const name = await db.$transaction(async (tx) => {
		const user = await tx.user.findFirst({
			where: { AND: [{ id: userId }, peopleOf(actor)] },
			select: { id: true, name: true, status: true, role: true }
		});
		if (!user) throw new NotFoundError('account');
		const action = allowed[user.status][status];
		if (!action) throw new DomainError('status_change_not_allowed', { status: 409 });
		requireMayManage(actor, user, action);
		await tx.user.update({
			where: { id: userId },
			data: { status, statusReason: needsReason ? reason!.trim() : null }
		});
		if (status === 'ACTIVE' && operationId) {
			await tx.operationMember.upsert({
				where: { operationId_userId: { operationId, userId } },
				create: { operationId, userId },
				update: {}
			});
		}
		await audit(tx, {
			actorId: actor.id,
			action: `account.${status.toLowerCase()}`,
			subjectType: 'User',
			subjectId: userId,
			operationId: null,
			detail: { action, from: user.status, role: user.role, ...(reason ? { reason } : {}) }
		});
		return user.name;
	});
	if (needsReason) await invalidateUserSessions(userId);
	return { name };
}
