import { describe, expect, it } from 'vitest';
import { zonedDate } from '$lib/time';
import { makeOperation, makeUser } from '$test/factories';
import { makeItem, makePost } from '$test/logistics-factories';
import { audit } from './audit';
import { auditChoices, auditExport, auditLog } from './audit-log';
import { db } from './db';
import { correctMovement, moveStock } from './logistics/ledger';

describe(`the audit log on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('shows an operation’s entries to its organizers, filtered by person, action and day', async () => {
		const operation = await makeOperation();
		const other = await makeOperation();
		const staff = await makeUser({ role: 'LOGISTICS', name: 'Stock Keeper' });
		const organizer = await makeUser({ role: 'ORGANIZER', name: 'Olga Organizer' });
		const admin = await makeUser({ role: 'ADMIN' });
		const depot = await makePost(operation.id, 'DEPOT');
		const water = await makeItem(operation.id, 'BOTTLE', 'Water');
		const [received] = await moveStock(staff, {
			kind: 'RECEIVED',
			operationId: operation.id,
			itemId: water.id,
			toPostId: depot.id,
			quantity: 10
		});
		await correctMovement(staff, { movementId: received.id, reason: 'Counted twice' });
		const shift = await db.shift.create({
			data: {
				operationId: operation.id,
				startsAt: new Date(),
				endsAt: new Date(Date.now() + 3_600_000),
				headcount: 1
			}
		});
		// Found from the subject, without being told the operation.
		await audit(db, {
			actorId: organizer.id,
			action: 'shift.updated',
			subjectType: 'Shift',
			subjectId: shift.id
		});
		await audit(db, {
			actorId: admin.id,
			action: 'account.suspended',
			subjectType: 'User',
			subjectId: staff.id
		});
		await audit(db, {
			actorId: organizer.id,
			action: 'operation.updated',
			subjectType: 'Operation',
			subjectId: other.id
		});

		const page = await auditLog(organizer, operation, {});
		expect(page.entries.map((entry) => entry.action)).toEqual(['shift.updated', 'stock.corrected']);
		expect(page.entries[1]).toMatchObject({
			actor: { name: 'Stock Keeper' },
			subject: 'Water',
			detail: expect.stringContaining('reason: Counted twice')
		});
		expect((await auditLog(organizer, operation, { actorId: staff.id })).entries).toHaveLength(1);
		expect((await auditLog(organizer, operation, { action: 'shift.updated' })).entries).toHaveLength(1);
		const today = zonedDate(new Date(), operation.timezone);
		expect((await auditLog(organizer, operation, { from: today, to: today })).entries).toHaveLength(2);
		expect((await auditLog(organizer, operation, { to: '2020-01-01' })).entries).toHaveLength(0);

		// Entries about no operation (accounts): admins only.
		expect((await auditLog(organizer, operation, { accounts: true })).entries.map((e) => e.action)).toEqual([
			'shift.updated',
			'stock.corrected'
		]);
		const accounts = await auditLog(admin, operation, { accounts: true, actorId: admin.id });
		expect(accounts.entries.map((e) => [e.action, e.subject])).toEqual([
			['account.suspended', 'Stock Keeper']
		]);

		const choices = await auditChoices(organizer, operation);
		expect(choices.people.map((p) => p.name).sort()).toEqual(['Olga Organizer', 'Stock Keeper']);
		expect(choices.actions).toEqual(['shift.updated', 'stock.corrected']);
		expect(await auditExport(organizer, operation, {})).toHaveLength(2);
	});
});
