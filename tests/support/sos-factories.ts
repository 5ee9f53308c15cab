// An operation ready for an SOS: a zone with its lead, a route running now with a leader and the
// caller on it, four more people on duty at known distances, an organizer, escalation settings.
import { db } from '../../src/lib/server/db';
import { assign, makeOperation, makeRoute, makeShift, makeUser, makeZone } from './factories';

const HOUR = 3_600_000;

export async function sosScene(
	options: { nearestCount?: number; stepWaitSeconds?: number; phone?: string } = {}
) {
	const now = Date.now();
	const operation = await makeOperation();
	const zoneLead = await makeUser({ name: 'Zoe Zone-lead', phone: '+85510000001' });
	const zone = await makeZone(operation.id);
	await db.zone.update({ where: { id: zone.id }, data: { leadId: zoneLead.id, guestPhone: '+85523000000' } });
	const route = await makeRoute(operation.id, { zoneId: zone.id, checkpoints: 3 });
	const leader = await makeUser({ name: 'Lee Leader', phone: '+85510000002' });
	const caller = await makeUser({ name: 'Cam Caller', phone: '+85510000003' });
	const shift = await makeShift(operation.id, {
		routeId: route.id,
		startsAt: new Date(now - HOUR),
		leaderId: leader.id
	});
	await assign(shift.id, caller.id);
	// Four others on duty on another shift, at 100 m, 300 m, 2 km and 5 km from the caller.
	const other = await makeShift(operation.id, { startsAt: new Date(now - HOUR) });
	const origin = { lat: 31.2, lng: 121.4 };
	const near = [];
	for (const [i, metres] of [100, 300, 2000, 5000].entries()) {
		const person = await makeUser({ name: `Near ${i + 1}`, phone: `+8551100000${i}` });
		await assign(other.id, person.id);
		await db.presence.create({
			data: {
				userId: person.id,
				seenAt: new Date(now),
				lat: origin.lat + metres / 111_000,
				lng: origin.lng,
				accuracy: 10,
				positionAt: new Date(now)
			}
		});
		near.push(person);
	}
	const organizer = await makeUser({ role: 'ORGANIZER', name: 'Ola Organizer', phone: '+85510000004' });
	for (const person of [zoneLead, leader, caller, organizer, ...near]) {
		await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
	}
	await db.alertSettings.create({
		data: {
			operationId: operation.id,
			nearestCount: options.nearestCount ?? 2,
			stepWaitSeconds: options.stepWaitSeconds ?? 60,
			commandPostPhone: options.phone ?? '+85523999999'
		}
	});
	return { operation, zone, zoneLead, route, shift, leader, caller, near, organizer, origin };
}
