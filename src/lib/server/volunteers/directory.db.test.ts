import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeUser, makeZone } from '$test/factories';
import { makeVolunteer } from '$test/rostering-factories';
import { searchVolunteers } from './directory';

describe(`the volunteer directory on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('finds exactly the people each filter describes, and the filters combine', async () => {
		const operation = await makeOperation();
		const [north, south] = [await makeZone(operation.id), await makeZone(operation.id)];
		const people = {
			medicNorthZh: await makeVolunteer({
				operationId: operation.id,
				skills: [{ skill: 'FIRST_AID' }],
				languages: ['zh']
			}),
			medicSouthEn: await makeVolunteer({
				operationId: operation.id,
				skills: [{ skill: 'FIRST_AID' }],
				languages: ['en']
			}),
			radioNorthEn: await makeVolunteer({
				operationId: operation.id,
				skills: [{ skill: 'RADIO' }],
				languages: ['en']
			}),
			pendingMedic: await makeVolunteer({
				operationId: operation.id,
				skills: [{ skill: 'FIRST_AID' }],
				languages: ['zh'],
				status: 'PENDING'
			})
		};
		for (const [person, zone] of [
			[people.medicNorthZh, north],
			[people.medicSouthEn, south],
			[people.radioNorthEn, north],
			[people.pendingMedic, north]
		] as const) {
			await db.zonePreference.create({ data: { userId: person.id, zoneId: zone.id } });
		}
		const admin = await makeUser({ role: 'ADMIN' });
		const found = async (filter: Parameters<typeof searchVolunteers>[1]) =>
			(await searchVolunteers(admin, { operationId: operation.id, ...filter })).people
				.map((p) => p.id)
				.sort();
		const ids = (...chosen: { id: string }[]) => chosen.map((p) => p.id).sort();

		expect(await found({ zoneId: north.id })).toEqual(
			ids(people.medicNorthZh, people.radioNorthEn, people.pendingMedic)
		);
		expect(await found({ skill: 'FIRST_AID', status: 'ACTIVE' })).toEqual(
			ids(people.medicNorthZh, people.medicSouthEn)
		);
		expect(await found({ language: 'en' })).toEqual(ids(people.medicSouthEn, people.radioNorthEn));
		expect(await found({ zoneId: north.id, skill: 'FIRST_AID', language: 'zh', status: 'ACTIVE' })).toEqual(
			ids(people.medicNorthZh)
		);
		expect(await found({ zoneId: south.id, skill: 'RADIO' })).toEqual([]);
	});
});
