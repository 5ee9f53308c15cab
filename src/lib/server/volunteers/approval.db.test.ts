import { describe, expect, it } from 'vitest';
import { createSession, generateSessionToken, validateSessionToken } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { makeUser } from '$test/factories';
import { decideAccount, listByStatus } from './approval';

describe('approving volunteers', () => {
	it('activates a pending account and audits who did it', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const volunteer = await makeUser({ status: 'PENDING' });
		expect((await listByStatus('PENDING')).map((u) => u.id)).toContain(volunteer.id);

		await decideAccount({ actor: organizer, userId: volunteer.id, status: 'ACTIVE' });

		expect((await db.user.findUniqueOrThrow({ where: { id: volunteer.id } })).status).toBe('ACTIVE');
		const entries = await db.auditEntry.findMany({ where: { subjectId: volunteer.id } });
		expect(entries).toMatchObject([{ actorId: organizer.id, action: 'account.active', subjectType: 'User' }]);
	});

	it('rejects only with a reason, which the person can read, and signs them out', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const volunteer = await makeUser({ status: 'PENDING' });
		const token = generateSessionToken();
		await createSession(token, volunteer.id);

		await expect(
			decideAccount({ actor: organizer, userId: volunteer.id, status: 'REJECTED', reason: '  ' })
		).rejects.toMatchObject({
			code: 'reason_required',
			options: { field: 'reason' }
		});
		expect((await db.user.findUniqueOrThrow({ where: { id: volunteer.id } })).status).toBe('PENDING');

		await decideAccount({
			actor: organizer,
			userId: volunteer.id,
			status: 'REJECTED',
			reason: 'Under 16'
		});
		expect(await db.user.findUniqueOrThrow({ where: { id: volunteer.id } })).toMatchObject({
			status: 'REJECTED',
			statusReason: 'Under 16'
		});
		expect((await validateSessionToken(token)).user).toBeNull();
	});

	it('refuses deciding your own account and impossible transitions', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const active = await makeUser();
		const own = decideAccount({
			actor: organizer,
			userId: organizer.id,
			status: 'SUSPENDED',
			reason: 'x'
		});
		await expect(own).rejects.toBeInstanceOf(DomainError);
		await expect(
			decideAccount({ actor: organizer, userId: active.id, status: 'REJECTED', reason: 'late' })
		).rejects.toMatchObject({
			code: 'status_change_not_allowed',
			status: 409
		});
		await expect(
			decideAccount({ actor: organizer, userId: 'missing', status: 'ACTIVE' })
		).rejects.toMatchObject({
			code: 'account_not_found',
			status: 404
		});
	});
});

describe('deciding about staff accounts', () => {
	it('only admins suspend or reinstate organizers, logistics staff and admins, and each decision is audited', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const admin = await makeUser({ role: 'ADMIN' });
		for (const role of ['ORGANIZER', 'LOGISTICS', 'ADMIN'] as const) {
			const staff = await makeUser({ role });
			await expect(
				decideAccount({ actor: organizer, userId: staff.id, status: 'SUSPENDED', reason: 'takeover' })
			).rejects.toMatchObject({ code: 'may_not_manage', status: 403 });
			expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).status).toBe('ACTIVE');

			await decideAccount({ actor: admin, userId: staff.id, status: 'SUSPENDED', reason: 'left the team' });
			await decideAccount({ actor: admin, userId: staff.id, status: 'ACTIVE' });
			const entries = await db.auditEntry.findMany({
				where: { subjectId: staff.id },
				orderBy: { createdAt: 'asc' }
			});
			expect(entries.map((e) => [e.actorId, e.action])).toEqual([
				[admin.id, 'account.suspended'],
				[admin.id, 'account.active']
			]);
			expect(entries.every((e) => e.createdAt instanceof Date)).toBe(true);
		}
	});
});
