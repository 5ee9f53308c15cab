import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import { eventsFor, makeVolunteer, rosterScene, statusOf } from '$test/rostering-factories';
import { assign, leaveWaitlist, signUp, unassign } from './roster';

describe('signing up and the waitlist', () => {
	it('gives a free place, then waitlists, then promotes the first in line when a place frees', async () => {
		const { shiftAt } = await rosterScene();
		const shift = await shiftAt(0, 4, { headcount: 1 });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const [first, second, third] = [await makeVolunteer(), await makeVolunteer(), await makeVolunteer()];

		expect(await signUp(first.id, shift.id)).toBe('ASSIGNED');
		expect(await signUp(second.id, shift.id)).toBe('WAITLISTED');
		expect(await signUp(third.id, shift.id)).toBe('WAITLISTED');
		await expect(signUp(second.id, shift.id)).rejects.toMatchObject({ code: 'already_waitlisted' });

		await unassign(organizer.id, shift.id, first.id);
		expect(await statusOf(shift.id, first.id)).toBe('DROPPED');
		expect(await statusOf(shift.id, second.id)).toBe('ASSIGNED');
		expect(await statusOf(shift.id, third.id)).toBe('WAITLISTED');

		expect((await eventsFor(shift.id)).map((e) => [e.topic, e.payload.userId])).toEqual([
			['shift.assigned', first.id],
			['shift.waitlisted', second.id],
			['shift.waitlisted', third.id],
			['shift.unassigned', first.id],
			['shift.promoted', second.id]
		]);
		const audits = await db.auditEntry.findMany({
			where: { subjectId: shift.id },
			orderBy: { createdAt: 'asc' }
		});
		expect(audits.find((a) => a.action === 'shift.unassigned')).toMatchObject({ actorId: organizer.id });
		expect(audits.find((a) => a.action === 'shift.assigned')).toMatchObject({ actorId: first.id });
	});

	it('passes over a waitlisted person who no longer fits, keeping them on the list', async () => {
		const { shiftAt } = await rosterScene();
		const wanted = await shiftAt(0, 4, { headcount: 1 });
		const clash = await shiftAt(1, 2, { headcount: 5 });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const [holder, busy, next] = [await makeVolunteer(), await makeVolunteer(), await makeVolunteer()];
		await signUp(holder.id, wanted.id);
		await signUp(busy.id, wanted.id);
		await signUp(next.id, wanted.id);
		// Since joining the list, "busy" took a shift that overlaps.
		await signUp(busy.id, clash.id);

		await unassign(organizer.id, wanted.id, holder.id);
		expect(await statusOf(wanted.id, busy.id)).toBe('WAITLISTED');
		expect(await statusOf(wanted.id, next.id)).toBe('ASSIGNED');
	});

	it('lets a volunteer leave the waitlist, and makes people members of the operation', async () => {
		const { shiftAt, operation } = await rosterScene();
		const shift = await shiftAt(0, 4, { headcount: 1 });
		const [a, b] = [await makeVolunteer(), await makeVolunteer()];
		await signUp(a.id, shift.id);
		await signUp(b.id, shift.id);
		await leaveWaitlist(b.id, shift.id);
		expect(await statusOf(shift.id, b.id)).toBe('DROPPED');
		await expect(leaveWaitlist(a.id, shift.id)).rejects.toMatchObject({ code: 'not_waitlisted' });
		const members = await db.operationMember.findMany({ where: { operationId: operation.id } });
		expect(members.map((m) => m.userId).sort()).toEqual([a.id, b.id].sort());
	});

	it('gives the last place to exactly one of two volunteers signing up at the same moment', async () => {
		const { shiftAt } = await rosterScene();
		for (let round = 0; round < 5; round++) {
			const shift = await shiftAt(round * 24, 4, { headcount: 3 });
			for (let i = 0; i < 2; i++) await signUp((await makeVolunteer()).id, shift.id);
			const [a, b] = [await makeVolunteer(), await makeVolunteer()];

			const results = await Promise.all([signUp(a.id, shift.id), signUp(b.id, shift.id)]);

			expect(results.sort()).toEqual(['ASSIGNED', 'WAITLISTED']);
			expect(await db.assignment.count({ where: { shiftId: shift.id, status: 'ASSIGNED' } })).toBe(3);
			expect(await db.assignment.count({ where: { shiftId: shift.id, status: 'WAITLISTED' } })).toBe(1);
		}
	});

	it('never lets one person into two overlapping shifts, even at the same moment', async () => {
		const { shiftAt } = await rosterScene();
		const person = await makeVolunteer();
		const [a, b] = [await shiftAt(0, 4), await shiftAt(2, 4)];
		const results = await Promise.allSettled([signUp(person.id, a.id), signUp(person.id, b.id)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'shift_overlap' } });
	});
});

describe('rules on both paths', () => {
	const paths = {
		'volunteer sign-up': (_organizerId: string, shiftId: string, userId: string) => signUp(userId, shiftId),
		'organizer assignment': (organizerId: string, shiftId: string, userId: string) =>
			assign(organizerId, shiftId, userId)
	};

	for (const [path, place] of Object.entries(paths)) {
		it(`refuses overlap, short rest and too many hours with a reason (${path})`, async () => {
			const { shiftAt } = await rosterScene({ minRestMinutes: 8 * 60, maxMinutesPerDay: 10 * 60 });
			const organizer = await makeUser({ role: 'ORGANIZER' });
			const person = await makeVolunteer();
			await place(organizer.id, (await shiftAt(0, 4)).id, person.id);

			const overlap = await shiftAt(3, 2);
			await expect(place(organizer.id, overlap.id, person.id)).rejects.toMatchObject({
				code: 'shift_overlap',
				status: 409
			});
			const tooSoon = await shiftAt(10, 2);
			await expect(place(organizer.id, tooSoon.id, person.id)).rejects.toMatchObject({
				code: 'rest_too_short',
				options: { params: { hours: 8 } }
			});
			expect(await statusOf(overlap.id, person.id)).toBeNull();
			expect(await statusOf(tooSoon.id, person.id)).toBeNull();
		});

		it(`refuses more than the hours per day (${path})`, async () => {
			const { shiftAt } = await rosterScene({ minRestMinutes: 0, maxMinutesPerDay: 6 * 60 });
			const organizer = await makeUser({ role: 'ORGANIZER' });
			const person = await makeVolunteer();
			await place(organizer.id, (await shiftAt(0, 4)).id, person.id);
			await place(organizer.id, (await shiftAt(4, 2)).id, person.id);
			await expect(place(organizer.id, (await shiftAt(6, 1)).id, person.id)).rejects.toMatchObject({
				code: 'too_many_hours',
				options: { params: { hours: 6 } }
			});
		});

		it(`needs verified skills, languages and the minimum age (${path})`, async () => {
			const { shiftAt } = await rosterScene();
			const organizer = await makeUser({ role: 'ORGANIZER' });
			const aid = await shiftAt(0, 4, { skills: ['FIRST_AID'] });
			const unverified = await makeVolunteer({ skills: [{ skill: 'FIRST_AID', verified: false }] });
			const verified = await makeVolunteer({ skills: [{ skill: 'FIRST_AID', verified: true }] });
			await expect(place(organizer.id, aid.id, unverified.id)).rejects.toMatchObject({
				code: 'skill_unverified',
				options: { params: { skill: 'First aid' } }
			});
			await place(organizer.id, aid.id, verified.id);

			const english = await shiftAt(30, 4, { languages: ['en'] });
			await expect(
				place(organizer.id, english.id, (await makeVolunteer({ languages: ['zh'] })).id)
			).rejects.toMatchObject({
				code: 'language_missing'
			});
			const adults = await shiftAt(60, 4, { minAge: 18 });
			const teen = await makeVolunteer({ birthDate: new Date(Date.now() - 16 * 365.25 * 24 * 3_600_000) });
			await expect(place(organizer.id, adults.id, teen.id)).rejects.toMatchObject({ code: 'too_young' });
			await expect(place(organizer.id, adults.id, (await makeVolunteer()).id)).rejects.toMatchObject({
				code: 'birth_date_missing'
			});
		});
	}

	it('refuses an organizer a full shift, and refuses inactive accounts', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const shift = await shiftAt(0, 4, { headcount: 1 });
		await assign(organizer.id, shift.id, (await makeVolunteer()).id);
		await expect(assign(organizer.id, shift.id, (await makeVolunteer()).id)).rejects.toMatchObject({
			code: 'shift_full'
		});
		const suspended = await makeVolunteer({ status: 'SUSPENDED' });
		await expect(signUp(suspended.id, (await shiftAt(30, 4)).id)).rejects.toMatchObject({
			code: 'account_not_active'
		});
	});
});
