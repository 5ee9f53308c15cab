// Vetting: new volunteer accounts stay PENDING until an organizer approves them.
import { audit } from '../audit';
import { invalidateUserSessions } from '../auth/session';
import { db, type AccountStatus } from '../db';
import { DomainError, NotFoundError } from '../errors';

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

export async function countPending(): Promise<number> {
	return db.user.count({ where: { status: 'PENDING' } });
}

const allowed: Record<AccountStatus, AccountStatus[]> = {
	PENDING: ['ACTIVE', 'REJECTED'],
	ACTIVE: ['SUSPENDED'],
	SUSPENDED: ['ACTIVE'],
	REJECTED: ['ACTIVE']
};

/**
 * Approves, rejects, suspends or reinstates an account. Rejecting and suspending need a reason
 * the person will see, and end their sessions.
 *
 * Approving with an `operationId` makes the person a member of that operation (OperationMember):
 * broadcasts and the fill proposal reach the members of an operation. Organizers approve into the
 * operation they are working on; placing someone on a shift also makes them a member of its
 * operation (shifts/roster.ts), and the roster import adds everyone it creates.
 */
export async function decideAccount(input: {
	actorId: string;
	userId: string;
	status: AccountStatus;
	reason?: string;
	operationId?: string;
}): Promise<void> {
	const { actorId, userId, status, reason, operationId } = input;
	if (actorId === userId) throw new DomainError('cannot_decide_own_account', { status: 403 });
	const needsReason = status === 'REJECTED' || status === 'SUSPENDED';
	if (needsReason && !reason?.trim()) throw new DomainError('reason_required', { field: 'reason' });
	await db.$transaction(async (tx) => {
		const user = await tx.user.findUnique({ where: { id: userId }, select: { status: true } });
		if (!user) throw new NotFoundError('account');
		if (!allowed[user.status].includes(status)) {
			throw new DomainError('status_change_not_allowed', { status: 409 });
		}
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
			actorId,
			action: `account.${status.toLowerCase()}`,
			subjectType: 'User',
			subjectId: userId,
			detail: reason ? { reason } : undefined
		});
	});
	if (needsReason) await invalidateUserSessions(userId);
}
