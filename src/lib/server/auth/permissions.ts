// Who may change whom: the one table behind every action on another person's account (approve,
// reject, suspend, reinstate, role change, sign-in link, password reset). Organizers manage
// volunteers; only admins manage organizers, logistics staff and other admins, change roles and
// reset passwords. Nobody acts on their own account here (their account page is for that).
//
// Pure: no I/O, so the whole table is tested cell by cell (permissions.test.ts).
import type { Role } from '../db';
import { ForbiddenError } from '../errors';

export const ACCOUNT_ACTIONS = [
	'approve',
	'reject',
	'suspend',
	'reinstate',
	'changeRole',
	'signInLink',
	'resetPassword'
] as const;

export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const ROLES: readonly Role[] = ['VOLUNTEER', 'LOGISTICS', 'ORGANIZER', 'ADMIN'];

/** For each acting role, the roles of the accounts it manages, per action. */
const TABLE: Record<Role, Partial<Record<AccountAction, readonly Role[]>>> = {
	ADMIN: Object.fromEntries(ACCOUNT_ACTIONS.map((action) => [action, ROLES])),
	ORGANIZER: {
		approve: ['VOLUNTEER'],
		reject: ['VOLUNTEER'],
		suspend: ['VOLUNTEER'],
		reinstate: ['VOLUNTEER'],
		signInLink: ['VOLUNTEER']
	},
	LOGISTICS: {},
	VOLUNTEER: {}
};

/** Whether someone with `actorRole` may do `action` to an account with `targetRole`. */
export function mayManage(actorRole: Role, targetRole: Role, action: AccountAction): boolean {
	return TABLE[actorRole]?.[action]?.includes(targetRole) ?? false;
}

/**
 * Throws a 403 DomainError unless `actor` may do `action` to `target`. `newRole` (a role change)
 * must be one the actor manages too.
 */
export function requireMayManage(
	actor: { id: string; role: Role },
	target: { id: string; role: Role },
	action: AccountAction,
	newRole?: Role
): void {
	if (actor.id === target.id) throw new ForbiddenError('cannot_manage_own_account');
	if (!mayManage(actor.role, target.role, action)) throw new ForbiddenError('may_not_manage');
	if (newRole && !mayManage(actor.role, newRole, action)) throw new ForbiddenError('may_not_manage');
}
