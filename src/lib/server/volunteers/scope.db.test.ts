// Whom an organizer sees in the volunteer directory and may act on from a profile page: the people
// of their own operations (members, or placed on one of its shifts) and the pool of sign-ups no
// operation has taken yet. A member of another operation only is a 404, on every path; an admin
// sees everyone.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeWelcomeLink } from '$lib/server/auth/welcome';
import { peopleOf, requirePersonInScope } from '$lib/server/operations/access';
import { upcomingShiftsFor } from '$lib/server/shifts/mine';
import { assign, makeOperation, makeShift, makeUser, unique } from '$test/factories';
import { decideAccount, countPending } from './approval';
import { searchVolunteers } from './directory';
import { profileFor, verifySkill } from './profile';
import { exportRoster } from './roster-csv';

async function twoOperations() {
	const tag = unique('scope');
	const [a, b] = [await makeOperation(), await makeOperation()];
	const organizer = await makeUser({ role: 'ORGANIZER' });
	await db.operationMember.create({ data: { operationId: a.id, userId: organizer.id } });
	const person = (status: 'ACTIVE' | 'PENDING', label: string) =>
		makeUser({ status, name: `${tag} ${label}`, passwordSet: false });
	const people = {
		memberOfA: await person('ACTIVE', 'member of A'),
		onShiftInA: await person('ACTIVE', 'on a shift in A'),
		memberOfB: await person('ACTIVE', 'member of B'),
		pendingOfB: await person('PENDING', 'pending in B'),
		signUp: await person('PENDING', 'new sign-up')
	};
	await db.operationMember.createMany({
		data: [
			{ operationId: a.id, userId: people.memberOfA.id },
			{ operationId: b.id, userId: people.memberOfB.id },
			{ operationId: b.id, userId: people.pendingOfB.id }
		]
	});
	await assign((await makeShift(a.id)).id, people.onShiftInA.id);
	for (const someone of [people.memberOfA, people.memberOfB]) {
		await db.userSkill.create({ data: { userId: someone.id, skill: 'FIRST_AID' } });
	}
	return { tag, a, b, organizer, people };
}

const idsOf = (people: { id: string }[]) => people.map((p) => p.id).sort();

describe(`the organizer's volunteer scope on ${process.env.TEST_DB_PROVIDER}`, () => {
	it("lists the organizer's operations' people and new sign-ups, never another operation's", async () => {
		const { tag, organizer, people } = await twoOperations();
		const listed = await searchVolunteers(organizer, { q: tag });
		expect(idsOf(listed.people)).toEqual(idsOf([people.memberOfA, people.onShiftInA, people.signUp]));
		expect(listed.total).toBe(3);
		const pending = await searchVolunteers(organizer, { q: tag, status: 'PENDING' });
		expect(idsOf(pending.people)).toEqual([people.signUp.id]);
		const csv = await exportRoster(organizer, { q: tag });
		expect(csv).toContain('member of A');
		expect(csv).toContain('new sign-up');
		expect(csv).not.toContain('member of B');
		expect(csv).not.toContain('pending in B');
		// The same filter on the database, so the counts on the page agree with the list.
		const inScope = await db.user.count({
			where: { AND: [peopleOf(organizer), { name: { contains: tag } }] }
		});
		expect(inScope).toBe(3);
		expect(await countPending(organizer)).toBe(
			await db.user.count({ where: { AND: [peopleOf(organizer), { status: 'PENDING' }] } })
		);
	});

	it('an admin sees everyone', async () => {
		const { tag, people } = await twoOperations();
		const admin = await makeUser({ role: 'ADMIN' });
		expect(idsOf((await searchVolunteers(admin, { q: tag })).people)).toEqual(idsOf(Object.values(people)));
		for (const someone of Object.values(people)) {
			await expect(requirePersonInScope(admin, someone.id)).resolves.toBeUndefined();
		}
		await expect(profileFor(admin, people.memberOfB.id)).resolves.toMatchObject({ id: people.memberOfB.id });
	});

	it("opens the profiles in scope; another operation's member is a 404 like a missing account", async () => {
		const { organizer, people } = await twoOperations();
		for (const someone of [people.memberOfA, people.onShiftInA, people.signUp]) {
			await expect(profileFor(organizer, someone.id)).resolves.toMatchObject({ id: someone.id });
		}
		for (const id of [people.memberOfB.id, people.pendingOfB.id, 'no-such-person']) {
			await expect(profileFor(organizer, id)).rejects.toMatchObject({
				code: 'account_not_found',
				status: 404
			});
		}
	});

	it("refuses every action on another operation's member with a 404 and changes nothing", async () => {
		const { organizer, people } = await twoOperations();
		const { memberOfB, pendingOfB } = people;
		const notFound = { code: 'account_not_found', status: 404 };
		await expect(
			decideAccount({ actor: organizer, userId: memberOfB.id, status: 'SUSPENDED', reason: 'probe' })
		).rejects.toMatchObject(notFound);
		await expect(
			decideAccount({ actor: organizer, userId: pendingOfB.id, status: 'ACTIVE' })
		).rejects.toMatchObject(notFound);
		await expect(
			decideAccount({ actor: organizer, userId: pendingOfB.id, status: 'REJECTED', reason: 'probe' })
		).rejects.toMatchObject(notFound);
		await expect(verifySkill(organizer, memberOfB.id, 'FIRST_AID', true)).rejects.toMatchObject(notFound);
		await expect(makeWelcomeLink(organizer, memberOfB.id)).rejects.toMatchObject(notFound);

		const after = await db.user.findMany({
			where: { id: { in: [memberOfB.id, pendingOfB.id] } },
			select: { status: true, skills: { select: { verifiedAt: true } } },
			orderBy: { name: 'asc' }
		});
		expect(after).toEqual([
			{ status: 'ACTIVE', skills: [{ verifiedAt: null }] },
			{ status: 'PENDING', skills: [] }
		]);
		expect(await db.auditEntry.count({ where: { subjectId: { in: [memberOfB.id, pendingOfB.id] } } })).toBe(
			0
		);
	});

	it("shows a shared member's memberships and shifts of the organizer's operations only", async () => {
		const { a, b, organizer, people } = await twoOperations();
		const shared = people.memberOfA;
		await db.operationMember.create({ data: { operationId: b.id, userId: shared.id } });
		const [inA, inB] = [await makeShift(a.id), await makeShift(b.id)];
		await assign(inA.id, shared.id);
		await assign(inB.id, shared.id);
		const profile = await profileFor(organizer, shared.id);
		expect(profile.memberships.map((m) => m.operation.id)).toEqual([a.id]);
		expect((await upcomingShiftsFor(shared.id, new Date(), 20, organizer)).map((s) => s.id)).toEqual([
			inA.id
		]);
		expect((await upcomingShiftsFor(shared.id, new Date(), 20)).map((s) => s.id).sort()).toEqual(
			[inA.id, inB.id].sort()
		);
	});

	it('acts on its own people and approves a new sign-up into its operation', async () => {
		const { a, organizer, people } = await twoOperations();
		await verifySkill(organizer, people.memberOfA.id, 'FIRST_AID', true);
		await expect(makeWelcomeLink(organizer, people.onShiftInA.id)).resolves.toHaveProperty('token');
		await decideAccount({
			actor: organizer,
			userId: people.memberOfA.id,
			status: 'SUSPENDED',
			reason: 'late'
		});
		const { name } = await decideAccount({
			actor: organizer,
			userId: people.signUp.id,
			status: 'ACTIVE',
			operationId: a.id
		});
		expect(name).toBe(people.signUp.name);
		expect(await db.operationMember.findMany({ where: { userId: people.signUp.id } })).toMatchObject([
			{ operationId: a.id }
		]);
		// Approved into A, the person is one of A's people now: still in scope.
		await expect(profileFor(organizer, people.signUp.id)).resolves.toMatchObject({ status: 'ACTIVE' });
	});
});
