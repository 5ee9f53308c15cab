import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '$test/factories';
import { eventsFor, makeVolunteer, rosterScene, statusOf } from '$test/rostering-factories';
import { decideRequest, requestChange, withdrawRequest } from './requests';
import { signUp } from './roster';

describe('drop and swap requests', () => {
	it('keeps the person on the shift until an organizer approves a drop, then promotes the waitlist', async () => {
		const { shiftAt } = await rosterScene();
		const shift = await shiftAt(0, 4, { headcount: 1 });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const [leaving, waiting] = [await makeVolunteer(), await makeVolunteer()];
		await signUp(leaving.id, shift.id);
		await signUp(waiting.id, shift.id);

		const request = await requestChange({
			userId: leaving.id,
			shiftId: shift.id,
			kind: 'DROP',
			reason: 'ill'
		});
		await expect(
			requestChange({ userId: leaving.id, shiftId: shift.id, kind: 'DROP' })
		).rejects.toMatchObject({
			code: 'request_pending'
		});
		expect(await statusOf(shift.id, leaving.id)).toBe('ASSIGNED');

		await decideRequest({ actorId: organizer.id, requestId: request.id, approve: true });
		expect(await statusOf(shift.id, leaving.id)).toBe('DROPPED');
		expect(await statusOf(shift.id, waiting.id)).toBe('ASSIGNED');
		const topics = (await eventsFor(shift.id)).map((e) => e.topic);
		expect(topics.slice(-3)).toEqual(['shift.unassigned', 'shift.promoted', 'shift.request_decided']);
		const decided = (await eventsFor(shift.id)).at(-1)!;
		expect(decided.payload).toEqual({
			requestId: request.id,
			shiftId: shift.id,
			userId: leaving.id,
			kind: 'DROP',
			approved: true
		});
		await expect(
			decideRequest({ actorId: organizer.id, requestId: request.id, approve: false })
		).rejects.toMatchObject({
			code: 'request_not_pending'
		});
		expect(
			await db.auditEntry.count({
				where: { subjectId: request.id, action: 'shift.request_approved', actorId: organizer.id }
			})
		).toBe(1);
	});

	it('moves a person on an approved swap, ignoring the shift they leave for the rules', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const person = await makeVolunteer();
		const from = await shiftAt(0, 4);
		// Overlaps the shift being left: allowed only because that one is left.
		const to = await shiftAt(2, 4);
		await signUp(person.id, from.id);
		const request = await requestChange({
			userId: person.id,
			shiftId: from.id,
			kind: 'SWAP',
			targetShiftId: to.id
		});
		await decideRequest({ actorId: organizer.id, requestId: request.id, approve: true, note: 'fine' });
		expect(await statusOf(from.id, person.id)).toBe('DROPPED');
		expect(await statusOf(to.id, person.id)).toBe('ASSIGNED');
	});

	it('changes nothing when a swap can no longer be made, and lets the person withdraw', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const person = await makeVolunteer();
		const from = await shiftAt(0, 4);
		const to = await shiftAt(30, 4, { headcount: 1 });
		await signUp(person.id, from.id);
		const request = await requestChange({
			userId: person.id,
			shiftId: from.id,
			kind: 'SWAP',
			targetShiftId: to.id
		});
		await signUp((await makeVolunteer()).id, to.id);

		await expect(
			decideRequest({ actorId: organizer.id, requestId: request.id, approve: true })
		).rejects.toMatchObject({
			code: 'shift_full'
		});
		expect(await statusOf(from.id, person.id)).toBe('ASSIGNED');
		expect((await db.shiftRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('PENDING');

		const stranger = await makeVolunteer();
		await expect(withdrawRequest(stranger.id, request.id)).rejects.toMatchObject({ status: 404 });
		expect((await db.shiftRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('PENDING');
		await withdrawRequest(person.id, request.id);
		expect((await db.shiftRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('WITHDRAWN');
		await expect(withdrawRequest(person.id, request.id)).rejects.toMatchObject({
			code: 'request_not_pending'
		});
	});

	it('refuses requests for shifts one is not on, swaps to other operations, and deciding one’s own', async () => {
		const { shiftAt } = await rosterScene();
		const other = await rosterScene();
		const person = await makeVolunteer();
		const shift = await shiftAt(0, 4);
		await expect(requestChange({ userId: person.id, shiftId: shift.id, kind: 'DROP' })).rejects.toMatchObject(
			{
				code: 'not_on_shift'
			}
		);
		await signUp(person.id, shift.id);
		const elsewhere = await other.shiftAt(30, 4);
		await expect(
			requestChange({ userId: person.id, shiftId: shift.id, kind: 'SWAP', targetShiftId: elsewhere.id })
		).rejects.toMatchObject({ code: 'swap_target_invalid' });
		const request = await requestChange({ userId: person.id, shiftId: shift.id, kind: 'DROP' });
		await expect(
			decideRequest({ actorId: person.id, requestId: request.id, approve: true })
		).rejects.toMatchObject({
			code: 'cannot_decide_own_request'
		});
	});
});
