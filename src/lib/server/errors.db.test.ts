// Unknown, foreign or malformed ids are the client's mistake: 4xx with a message, never a 500.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeShift, makeUser } from '$test/factories';
import { toDomainError } from './errors';
import { jsonError, pageError } from './http';
import { assign } from './shifts/roster';
import { decideAccount } from './volunteers/approval';

const caught = (promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(error: unknown) => error
	);

describe(`unknown ids on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('a foreign key to nobody (P2003) and a missing row (P2025) become 404s', async () => {
		const operation = await makeOperation();
		const shift = await makeShift(operation.id);
		const foreignKey = await caught(db.assignment.create({ data: { shiftId: shift.id, userId: 'nobody' } }));
		const missing = await caught(db.shift.update({ where: { id: 'nobody' }, data: { headcount: 2 } }));
		for (const error of [foreignKey, missing]) {
			expect(toDomainError(error)).toMatchObject({ code: 'record_not_found', status: 404 });
			expect(jsonError(error).status).toBe(404);
			try {
				pageError(error);
			} catch (thrown) {
				expect(isHttpError(thrown, 404)).toBe(true);
			}
		}
		expect(() => toDomainError(new Error('a bug'))).toThrow('a bug');
		expect(() => jsonError(new Error('a bug'))).toThrow('a bug');
	});

	it('an organizer assigning an unknown person, or approving one, gets a 4xx', async () => {
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const operation = await makeOperation();
		const shift = await makeShift(operation.id);
		for (const id of ['nobody', '', 'x'.repeat(300), "1' OR '1'='1", '../../etc/passwd']) {
			const assigning = toDomainError(await caught(assign(organizer.id, shift.id, id)));
			expect(assigning.status, id).toBeGreaterThanOrEqual(400);
			expect(assigning.status, id).toBeLessThan(500);
			const approving = toDomainError(
				await caught(decideAccount({ actor: organizer, userId: id, status: 'ACTIVE' }))
			);
			expect(approving.status, id).toBe(404);
		}
	});
});
