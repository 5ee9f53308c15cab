// Which operations a person works on: the one operation-scope check behind every organizer,
// logistics and volunteer screen. Admins work on every operation; everyone else on the operations
// they are members of (OperationMember: creators, approved and placed volunteers, staff added to
// it). An operation someone may not see answers exactly like one that does not exist (404), so
// ids cannot be probed.
import { db, type Db, type Role, type Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { DomainError, NotFoundError } from '../errors';

export interface OperationActor {
	id: string;
	role: Role;
}

export type OperationScope = NonNullable<Awaited<ReturnType<typeof db.operation.findUnique>>>;

/** A Prisma filter on Operation for the operations `actor` works on. */
export function operationsOf(actor: OperationActor) {
	return actor.role === 'ADMIN' ? {} : { members: { some: { userId: actor.id } } };
}

/** The operation, when `actor` works on it; a 404 DomainError otherwise. */
export async function requireOperation(actor: OperationActor, operationId: string): Promise<OperationScope> {
	const operation = await db.operation.findFirst({ where: { id: operationId, ...operationsOf(actor) } });
	if (!operation) throw new NotFoundError('operation');
	return operation;
}

/**
 * The operation a screen works on when none is named: of the person's operations, the one running
 * now, else the next to start, else the one that ended last. A 404 when they have none.
 */
export async function workingOperation(actor: OperationActor, now = new Date()): Promise<OperationScope> {
	const operation = await currentOperationOf(actor, now);
	if (!operation) throw new DomainError('no_operation', { status: 404 });
	return operation;
}

/** Like workingOperation, but null instead of an error (pages that show an empty state). */
export async function currentOperationOf(actor: OperationActor, now = new Date()) {
	const mine = operationsOf(actor);
	return (
		(await db.operation.findFirst({
			where: { ...mine, startsAt: { lte: now }, endsAt: { gte: now } },
			orderBy: { startsAt: 'asc' }
		})) ??
		(await db.operation.findFirst({
			where: { ...mine, startsAt: { gt: now } },
			orderBy: { startsAt: 'asc' }
		})) ??
		(await db.operation.findFirst({ where: mine, orderBy: { endsAt: 'desc' } }))
	);
}

/** The operation asked for (`?operation=`), checked; else the working one; null when none. */
export async function pickOperationFor(actor: OperationActor, requestedId?: string | null) {
	if (requestedId) return requireOperation(actor, requestedId);
	return currentOperationOf(actor);
}

/** The operations `actor` may switch between, newest first. */
export function operationChoicesFor(actor: OperationActor) {
	return db.operation.findMany({
		where: operationsOf(actor),
		orderBy: { startsAt: 'desc' },
		select: { id: true, name: true }
	});
}

/**
 * The operation of a shift `actor` may act on (a volunteer: one of their operations); a 404
 * DomainError for a shift that does not exist or belongs to an operation they do not work on.
 */
export async function requireShiftInScope(actor: OperationActor, shiftId: string): Promise<string> {
	const shift = await db.shift.findFirst({
		where: { id: shiftId, operation: operationsOf(actor) },
		select: { operationId: true }
	});
	if (!shift) throw new NotFoundError('shift');
	return shift.operationId;
}

/**
 * A Prisma filter on User for the people `actor` may see and act on in the organizer's volunteer
 * directory and profile pages. Admins: everyone. Anyone else: the people of their operations
 * (members, or placed on a shift of one), and the pool nobody has taken yet: people who belong to
 * no operation at all (new sign-ups waiting to be vetted, and those turned away from it). A member
 * of another operation only is out of sight, as that operation's records are.
 */
export function peopleOf(actor: OperationActor): Prisma.UserWhereInput {
	if (actor.role === 'ADMIN') return {};
	const mine = operationsOf(actor);
	return {
		OR: [
			{ memberships: { some: { operation: mine } } },
			{ assignments: { some: { shift: { operation: mine } } } },
			{ memberships: { none: {} }, assignments: { none: {} } }
		]
	};
}

/**
 * Throws a 404 DomainError unless `actor` may see person `userId` (peopleOf): someone out of
 * scope answers exactly like someone who does not exist. `tx` runs the check inside a caller's
 * transaction.
 */
export async function requirePersonInScope(
	actor: OperationActor,
	userId: string,
	tx: Db | Tx = db
): Promise<void> {
	const person = await tx.user.findFirst({
		where: { AND: [{ id: userId }, peopleOf(actor)] },
		select: { id: true }
	});
	if (!person) throw new NotFoundError('account');
}
