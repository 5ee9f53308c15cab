import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeUser, makeZone } from '$test/factories';
import { checkRoster, exportRoster, importRoster, RosterProblems } from './roster-csv';

describe('importing a roster', () => {
	it('rejects a file with bad rows, row by row, and writes nothing', async () => {
		const operation = await makeOperation();
		await makeZone(operation.id, 'North Plaza');
		const organizer = await makeUser({ role: 'ORGANIZER', email: 'taken@example.org' });
		const usersBefore = await db.user.count();
		const csv = [
			'name,phone,email,languages,skills,zone',
			'Fine One,+8613800000001,fine1@example.org,zh,radio,North Plaza',
			'Fine Two,+8613800000002,fine2@example.org,en,,',
			'Taken,+8613800000003,TAKEN@example.org,zh,,',
			'Lost,+8613800000004,lost@example.org,zh,,Atlantis'
		].join('\n');

		const error = await importRoster(organizer.id, operation.id, csv).catch((caught) => caught);
		expect(error).toBeInstanceOf(RosterProblems);
		expect((error as RosterProblems).problems.map((p) => [p.line, p.field, p.code])).toEqual([
			[4, 'email', 'roster_email_taken'],
			[5, 'zone', 'roster_zone_unknown']
		]);
		expect(await db.user.count()).toBe(usersBefore);
		expect(
			await db.user.count({ where: { email: { in: ['fine1@example.org', 'fine2@example.org'] } } })
		).toBe(0);
		// Counted for this operation only: another test of this file imports into its own.
		expect(await db.auditEntry.count({ where: { action: 'roster.imported', subjectId: operation.id } })).toBe(
			0
		);
	});

	it('imports a correct file whole, as active members with their languages, skills and zones', async () => {
		const operation = await makeOperation();
		const zone = await makeZone(operation.id, 'Metro Hub');
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const lines = ['name,phone,email,languages,skills,zone'];
		for (let i = 0; i < 600; i++) {
			lines.push(
				`Person ${i},+86138${String(i).padStart(8, '0')},p${i}@import.example,zh;en,first aid,metro hub`
			);
		}
		const progress: number[] = [];
		const { imported } = await importRoster(organizer.id, operation.id, lines.join('\n'), (done) =>
			progress.push(done)
		);
		expect(imported).toBe(600);
		expect(progress).toEqual([250, 500, 600]);
		expect(await db.auditEntry.count({ where: { action: 'roster.imported', subjectId: operation.id } })).toBe(
			1
		);
		const person = await db.user.findUniqueOrThrow({
			where: { email: 'p7@import.example' },
			include: { languages: true, skills: true, zonePreferences: true, memberships: true, profile: true }
		});
		expect(person).toMatchObject({ status: 'ACTIVE', role: 'VOLUNTEER', phone: '+8613800000007' });
		expect(person.languages.map((l) => l.code).sort()).toEqual(['en', 'zh']);
		// Needs proof: imported, but not yet verified.
		expect(person.skills).toMatchObject([{ skill: 'FIRST_AID', verifiedAt: null }]);
		expect(person.zonePreferences).toMatchObject([{ zoneId: zone.id }]);
		expect(person.memberships).toMatchObject([{ operationId: operation.id }]);
		expect(person.profile).not.toBeNull();
		expect((await checkRoster(operation.id, lines.join('\n'))).problems).toHaveLength(600);
	});

	it('exports what the import reads back', async () => {
		const operation = await makeOperation();
		await makeZone(operation.id, 'Canal');
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const csv =
			'name,phone,email,languages,skills,zone\n"Zhou, Min",+8613900000009,zhou@export.example,zh;yue,radio,Canal\n';
		await importRoster(organizer.id, operation.id, csv);
		await db.operationMember.create({ data: { operationId: operation.id, userId: organizer.id } });
		const exported = await exportRoster(organizer, { q: 'zhou@export' });
		expect(exported.split('\r\n')).toEqual([
			'name,phone,email,languages,skills,zone,status,verified_skills',
			`"Zhou, Min",'+8613900000009,zhou@export.example,yue;zh,RADIO,Canal,ACTIVE,`
		]);
		// The neutralised phone number reads back as it was.
		const { rows, problems } = await checkRoster(operation.id, exported.replace('zhou@', 'zhou2@'));
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({ phone: '+8613900000009' });
	});
});
