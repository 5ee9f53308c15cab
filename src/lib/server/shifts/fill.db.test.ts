import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import { makeVolunteer, rosterScene, statusOf } from '$test/rostering-factories';
import { shiftsICanTake } from './available';
import { buildFillProposal, confirmFill } from './fill';
import { signUp } from './roster';

describe('fill open slots', () => {
	it('proposes only members who qualify, then confirms in one step with events and audit', async () => {
		const { operation, shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const aid = await shiftAt(0, 4, { headcount: 1, skills: ['FIRST_AID'] });
		const plain = await shiftAt(30, 4, { headcount: 2 });
		const medic = await makeVolunteer({
			operationId: operation.id,
			skills: [{ skill: 'FIRST_AID', verified: true }]
		});
		const helper = await makeVolunteer({ operationId: operation.id });
		// Not a member of this operation: never proposed.
		await makeVolunteer();

		const proposal = await buildFillProposal(operation.id);
		expect(proposal.openSlots).toBe(3);
		expect(proposal.proposals).toContainEqual({ shiftId: aid.id, userId: medic.id });
		expect(
			proposal.proposals
				.filter((p) => p.shiftId === plain.id)
				.map((p) => p.userId)
				.sort()
		).toEqual([medic.id, helper.id].sort());

		// Meanwhile the helper signs up for the plain shift: that pair is skipped, the rest applied.
		await signUp(helper.id, plain.id);
		const result = await confirmFill(organizer.id, operation.id, proposal.proposals);
		expect(result.assigned).toBe(2);
		expect(result.skipped).toEqual([{ shiftId: plain.id, userId: helper.id, code: 'already_on_shift' }]);
		expect(await statusOf(aid.id, medic.id)).toBe('ASSIGNED');
		// Other tests of this file may have assigned people too: only this scene's shifts count.
		const assigned = (await db.outboxEvent.findMany({ where: { topic: 'shift.assigned' } }))
			.map((event) => JSON.parse(event.payload) as { shiftId: string; userId: string })
			.filter((event) => event.shiftId === aid.id || event.shiftId === plain.id)
			.map((event) => `${event.shiftId}:${event.userId}`)
			.sort();
		expect(assigned).toEqual(
			[`${aid.id}:${medic.id}`, `${plain.id}:${helper.id}`, `${plain.id}:${medic.id}`].sort()
		);
		expect(
			await db.auditEntry.count({ where: { action: 'shift.fill_confirmed', actorId: organizer.id } })
		).toBe(1);
		expect((await buildFillProposal(operation.id)).openSlots).toBe(0);
	});

	it('lists the shifts a volunteer can take: qualified, not clashing, not full', async () => {
		const { operation, shiftAt } = await rosterScene();
		const person = await makeVolunteer({ languages: ['zh'] });
		const mine = await shiftAt(0, 4);
		const clashing = await shiftAt(2, 4);
		const needsEnglish = await shiftAt(30, 4, { languages: ['en'] });
		const full = await shiftAt(54, 4, { headcount: 1 });
		const open = await shiftAt(78, 4);
		await signUp(person.id, mine.id);
		await signUp((await makeVolunteer()).id, full.id);

		const ids = async (includeFull = false) =>
			(await shiftsICanTake(person.id, { operationId: operation.id, includeFull })).shifts.map((s) => s.id);
		expect(await ids()).toEqual([open.id]);
		expect(await ids(true)).toEqual([full.id, open.id]);
		expect(await ids()).not.toContain(clashing.id);
		expect(await ids()).not.toContain(needsEnglish.id);
	});
});
