// Who acts on a zone's guest requests: the people on duty there now (on a shift at one of its
// routes or posts), its lead, and the operation's organizers.
import { isOrganizer, type Role } from '$lib/roles';
import { db, type Db, type Tx } from '../db';
import { ON_SHIFT } from '$lib/shifts/status';

function onDutyWhere(operationId: string, zoneIds: string[] | undefined, now: Date) {
	const inZones = zoneIds
		? { OR: [{ route: { zoneId: { in: zoneIds } } }, { post: { zoneId: { in: zoneIds } } }] }
		: {};
	return {
		status: { in: [...ON_SHIFT] },
		shift: { operationId, startsAt: { lte: now }, endsAt: { gt: now }, ...inZones }
	};
}

/** The people to tell about a new request in `zoneId`: on duty there, and its lead. */
export async function zoneResponders(client: Tx | Db, zoneId: string, now = new Date()) {
	const zone = await client.zone.findUnique({
		where: { id: zoneId },
		select: { operationId: true, leadId: true }
	});
	if (!zone) return [];
	return client.user.findMany({
		where: {
			status: 'ACTIVE',
			OR: [
				{ assignments: { some: onDutyWhere(zone.operationId, [zoneId], now) } },
				...(zone.leadId ? [{ id: zone.leadId }] : [])
			]
		},
		select: { id: true, locale: true },
		orderBy: { id: 'asc' }
	});
}

/**
 * Who is told of a new request in `zoneId` (the guest notice, notify/from-events.ts): the people
 * on duty there and its lead; the operation's organizers when there is nobody.
 */
export async function helpRecipients(client: Tx | Db, zoneId: string, operationId: string, now = new Date()) {
	const responders = await zoneResponders(client, zoneId, now);
	if (responders.length) return responders;
	return client.user.findMany({
		where: {
			status: 'ACTIVE',
			role: { in: ['ORGANIZER', 'ADMIN'] },
			memberships: { some: { operationId } }
		},
		select: { id: true, locale: true },
		orderBy: { id: 'asc' }
	});
}

export interface Actor {
	id: string;
	role: Role;
}

/**
 * The zones of `operationId` whose guest requests `actor` may see and take: every zone for its
 * organizers (the operation is checked by the caller), else those they are on duty in or lead.
 */
export async function zonesFor(
	actor: Actor,
	operationId: string,
	now = new Date(),
	client: Db | Tx = db
): Promise<string[] | 'all'> {
	if (isOrganizer(actor.role)) return 'all';
	const [shifts, led] = await Promise.all([
		client.assignment.findMany({
			where: { userId: actor.id, ...onDutyWhere(operationId, undefined, now) },
			select: {
				shift: { select: { route: { select: { zoneId: true } }, post: { select: { zoneId: true } } } }
			}
		}),
		client.zone.findMany({ where: { operationId, leadId: actor.id }, select: { id: true } })
	]);
	const zones = new Set<string>(led.map((zone) => zone.id));
	for (const { shift } of shifts) {
		const zoneId = shift.route?.zoneId ?? shift.post?.zoneId;
		if (zoneId) zones.add(zoneId);
	}
	return [...zones];
}

export async function mayActInZone(
	actor: Actor,
	operationId: string,
	zoneId: string,
	now = new Date(),
	client: Db | Tx = db
) {
	const zones = await zonesFor(actor, operationId, now, client);
	return zones === 'all' || zones.includes(zoneId);
}
