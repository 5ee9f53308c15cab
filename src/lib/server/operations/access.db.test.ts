// The one operation-scope check: a volunteer sees and acts only on the operations they are a
// member of; another operation's id answers like one that does not exist.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeShift, makeUser } from '$test/factories';
import {
	currentOperationOf,
	operationChoicesFor,
	pickOperationFor,
	requireOperation,
	requireShiftInScope
} from './access';

async function twoOperations() {
	const mine = await makeOperation();
	const other = await makeOperation();
	const volunteer = await makeUser();
	await db.operationMember.create({ data: { operationId: mine.id, userId: volunteer.id } });
	return { mine, other, volunteer };
}

describe(`operation scope on ${process.env.TEST_DB_PROVIDER}`, () => {
	it("a volunteer's ?operation= picks only an operation they are a member of", async () => {
		const { mine, other, volunteer } = await twoOperations();
		expect((await pickOperationFor(volunteer, mine.id))?.id).toBe(mine.id);
		await expect(pickOperationFor(volunteer, other.id)).rejects.toMatchObject({
			code: 'operation_not_found',
			status: 404
		});
		await expect(pickOperationFor(volunteer, 'not-an-id')).rejects.toMatchObject({ status: 404 });
		expect((await operationChoicesFor(volunteer)).map((o) => o.id)).toEqual([mine.id]);
		expect((await currentOperationOf(volunteer))?.id).toBe(mine.id);
	});

	it("another operation's shift is not found for a volunteer, and found for an admin", async () => {
		const { mine, other, volunteer } = await twoOperations();
		const admin = await makeUser({ role: 'ADMIN' });
		const own = await makeShift(mine.id);
		const foreign = await makeShift(other.id);
		expect(await requireShiftInScope(volunteer, own.id)).toBe(mine.id);
		await expect(requireShiftInScope(volunteer, foreign.id)).rejects.toMatchObject({
			code: 'shift_not_found',
			status: 404
		});
		await expect(requireShiftInScope(volunteer, 'x'.repeat(64))).rejects.toMatchObject({ status: 404 });
		expect(await requireShiftInScope(admin, foreign.id)).toBe(other.id);
		await expect(requireOperation(volunteer, other.id)).rejects.toMatchObject({ status: 404 });
	});
});
