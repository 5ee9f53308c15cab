// A zone with a guest card, a volunteer on duty there now, one off duty, and an organizer.
import { db } from '$lib/server/db';
import { createCard } from '$lib/server/guests/cards';
import { assign, makeOperation, makeRoute, makeShift, makeUser, makeZone, unique } from './factories';

const HOUR = 60 * 60 * 1000;

export async function makeGuestScene() {
	const operation = await makeOperation();
	const zone = await db.zone.update({
		where: { id: (await makeZone(operation.id)).id },
		data: { guestPhone: '+862100000000' }
	});
	const [gate, desk] = await Promise.all(
		[
			{ name: unique('North Gate '), lat: 31.19, lng: 121.3 },
			{ name: unique('Info Desk '), lat: 31.2, lng: 121.31 }
		].map((post) => db.post.create({ data: { ...post, operationId: operation.id, zoneId: zone.id } }))
	);
	const route = await makeRoute(operation.id, { zoneId: zone.id, checkpoints: 2 });
	const shift = await makeShift(operation.id, {
		routeId: route.id,
		startsAt: new Date(Date.now() - HOUR),
		endsAt: new Date(Date.now() + 3 * HOUR)
	});
	const onDuty = await makeUser({ name: 'Ana Lim Tan', locale: 'zh' });
	await db.volunteerProfile.update({ where: { userId: onDuty.id }, data: { armband: '112' } });
	const offDuty = await makeUser();
	const organizer = await makeUser({ role: 'ORGANIZER' });
	await assign(shift.id, onDuty.id);
	for (const person of [onDuty, offDuty, organizer]) {
		await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
	}
	const card = await createCard(organizer.id, operation.id, { zoneId: zone.id, postId: gate.id });
	return { operation, zone, gate, desk, shift, onDuty, offDuty, organizer, card };
}

/** A network address of its own per test, so that rate limits never leak between tests. */
export const address = () => unique('address-');
