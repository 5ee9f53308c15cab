import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { calendarFeed, calendarToken, resetCalendarToken } from '$lib/server/shifts/calendar';
import { shiftForVolunteer } from '$lib/server/shifts/mine';
import { assign, setLeader, signUp } from '$lib/server/shifts/roster';
import { makeUser } from '$test/factories';
import { makeVolunteer, rosterScene } from '$test/rostering-factories';
import { canSeeContact, contactDetails } from './contact';
import { getProfile, updateProfile, verifySkill } from './profile';

describe('who sees phone numbers and emergency contacts', () => {
	it('a volunteer cannot read another volunteer’s phone; the leader of their shift and organizers can', async () => {
		const { operation, shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const leader = await makeVolunteer({ phone: '+8613800000010' });
		const member = await makeVolunteer({ phone: '+8613800000011' });
		const stranger = await makeVolunteer({ phone: '+8613800000012' });
		const shift = await shiftAt(0, 4);
		await signUp(leader.id, shift.id);
		await signUp(member.id, shift.id);

		const viewer = (user: { id: string; role: 'VOLUNTEER' | 'ORGANIZER' | 'ADMIN' | 'LOGISTICS' }) => ({
			id: user.id,
			role: user.role
		});
		await expect(contactDetails(viewer(stranger), member.id)).rejects.toMatchObject({
			code: 'forbidden',
			status: 403
		});
		// Being on the same shift is not enough: only its leader sees the phones.
		await expect(contactDetails(viewer(leader), member.id)).rejects.toMatchObject({ status: 403 });

		await setLeader(organizer.id, shift.id, leader.id);
		expect(await contactDetails(viewer(leader), member.id)).toMatchObject({ phone: '+8613800000011' });
		expect(await canSeeContact(viewer(leader), stranger.id)).toBe(false);
		// Organizers see the sign-ups in no operation yet and their own operations' people only.
		expect(await canSeeContact(viewer(organizer), stranger.id)).toBe(true);
		await expect(contactDetails(viewer(organizer), member.id)).rejects.toMatchObject({ status: 403 });
		await db.operationMember.create({ data: { operationId: operation.id, userId: organizer.id } });
		expect(await contactDetails(viewer(organizer), member.id)).toMatchObject({ phone: '+8613800000011' });
		expect(await canSeeContact(viewer(stranger), stranger.id)).toBe(true);

		// The shift page: the leader sees the team's phones, a team member sees names only.
		const asLeader = await shiftForVolunteer(leader.id, shift.id);
		expect(asLeader.team.find((t) => t.id === member.id)).toMatchObject({ phone: '+8613800000011' });
		const asMember = await shiftForVolunteer(member.id, shift.id);
		expect(asMember.team.map((t) => t.phone)).toEqual([null, null]);
		expect(asMember.team.map((t) => t.emergency)).toEqual([null, null]);
	});

	it('a leader must be on the shift', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const shift = await shiftAt(0, 4);
		const outsider = await makeVolunteer();
		await expect(setLeader(organizer.id, shift.id, outsider.id)).rejects.toMatchObject({
			code: 'leader_not_on_shift'
		});
	});
});

describe('profiles', () => {
	it('keeps a verified skill verified when the volunteer saves, and audits verification', async () => {
		const { operation } = await rosterScene();
		const zone = await db.zone.findFirstOrThrow({ where: { operationId: operation.id } });
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const person = await makeVolunteer({ skills: [{ skill: 'FIRST_AID' }] });
		await verifySkill(organizer, person.id, 'FIRST_AID', true);
		await updateProfile(person.id, {
			name: 'New Name',
			phone: '+8613800000099',
			birthDate: new Date('1990-01-01'),
			languages: ['zh', 'en'],
			skills: ['FIRST_AID', 'RADIO'],
			zoneIds: [zone.id]
		});
		const profile = await getProfile(person.id);
		expect(profile.skills.map((s) => [s.skill, !!s.verifiedAt])).toEqual([
			['FIRST_AID', true],
			['RADIO', false]
		]);
		expect(profile.zonePreferences.map((z) => z.zone.id)).toEqual([zone.id]);
		expect(
			await db.auditEntry.count({
				where: { subjectId: person.id, action: 'skill.verified', actorId: organizer.id }
			})
		).toBe(1);
		await expect(verifySkill(organizer, person.id, 'RADIO', true)).rejects.toMatchObject({
			code: 'skill_needs_no_proof'
		});
		await expect(
			updateProfile(person.id, { name: 'X Y', languages: [], skills: [], zoneIds: ['nope'] })
		).rejects.toMatchObject({
			code: 'zone_not_found'
		});
	});
});

describe('the calendar feed', () => {
	it('lists the person’s shifts for their secret token, and a reset token stops the old one', async () => {
		const { shiftAt } = await rosterScene();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const person = await makeVolunteer();
		const shift = await shiftAt(0, 4);
		await assign(organizer.id, shift.id, person.id);
		const token = await calendarToken(person.id);
		expect(await calendarToken(person.id)).toBe(token);

		const feed = (await calendarFeed(token, 'https://redband.example'))!;
		expect(feed).toContain('BEGIN:VCALENDAR\r\n');
		expect(feed).toContain(`UID:shift-${shift.id}@redband`);
		expect(feed).toContain(
			`DTSTART:${shift.startsAt.toISOString().replace(/[-:]/g, '').replace('.000', '')}`
		);
		expect(feed.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

		const fresh = await resetCalendarToken(person.id);
		expect(fresh).not.toBe(token);
		expect(await calendarFeed(token, 'https://redband.example')).toBeNull();
		expect(await calendarFeed(fresh, 'https://redband.example')).toContain(shift.id);
	});
});
