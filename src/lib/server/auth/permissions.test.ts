import { describe, expect, it } from 'vitest';
import type { Role } from '../db';
import { ACCOUNT_ACTIONS, mayManage, requireMayManage, ROLES, type AccountAction } from './permissions';

// The whole table, written out: every action × acting role × target role. A change of policy is a
// change here, reviewed as one.
const Y = true;
const N = false;
//                       target:  VOLUNTEER LOGISTICS ORGANIZER ADMIN
const EXPECTED: Record<Role, Record<AccountAction, [boolean, boolean, boolean, boolean]>> = {
	ADMIN: {
		approve: [Y, Y, Y, Y],
		reject: [Y, Y, Y, Y],
		suspend: [Y, Y, Y, Y],
		reinstate: [Y, Y, Y, Y],
		changeRole: [Y, Y, Y, Y],
		signInLink: [Y, Y, Y, Y],
		resetPassword: [Y, Y, Y, Y]
	},
	ORGANIZER: {
		approve: [Y, N, N, N],
		reject: [Y, N, N, N],
		suspend: [Y, N, N, N],
		reinstate: [Y, N, N, N],
		changeRole: [N, N, N, N],
		signInLink: [Y, N, N, N],
		resetPassword: [N, N, N, N]
	},
	LOGISTICS: {
		approve: [N, N, N, N],
		reject: [N, N, N, N],
		suspend: [N, N, N, N],
		reinstate: [N, N, N, N],
		changeRole: [N, N, N, N],
		signInLink: [N, N, N, N],
		resetPassword: [N, N, N, N]
	},
	VOLUNTEER: {
		approve: [N, N, N, N],
		reject: [N, N, N, N],
		suspend: [N, N, N, N],
		reinstate: [N, N, N, N],
		changeRole: [N, N, N, N],
		signInLink: [N, N, N, N],
		resetPassword: [N, N, N, N]
	}
};

describe('who may manage whom', () => {
	for (const action of ACCOUNT_ACTIONS) {
		for (const actor of ROLES) {
			for (const [index, target] of ROLES.entries()) {
				const allowed = EXPECTED[actor][action][index];
				it(`${actor} ${allowed ? 'may' : 'may not'} ${action} a ${target}`, () => {
					expect(mayManage(actor, target, action)).toBe(allowed);
					const check = () =>
						requireMayManage({ id: 'actor', role: actor }, { id: 'target', role: target }, action);
					if (allowed) expect(check).not.toThrow();
					else expect(check).toThrow(expect.objectContaining({ code: 'may_not_manage', status: 403 }));
				});
			}
		}
	}

	it('nobody acts on their own account, admins included', () => {
		for (const action of ACCOUNT_ACTIONS) {
			expect(() => requireMayManage({ id: 'a', role: 'ADMIN' }, { id: 'a', role: 'ADMIN' }, action)).toThrow(
				expect.objectContaining({ code: 'cannot_manage_own_account' })
			);
		}
	});

	it('an organizer cannot give a role it does not manage', () => {
		expect(() =>
			requireMayManage({ id: 'o', role: 'ORGANIZER' }, { id: 'v', role: 'VOLUNTEER' }, 'changeRole', 'ADMIN')
		).toThrow(expect.objectContaining({ code: 'may_not_manage' }));
	});
});
