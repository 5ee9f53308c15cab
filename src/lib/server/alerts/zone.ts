// Zone alerts: an organizer tells the people on duty in chosen zones, or near chosen checkpoints,
// something now (a crowd problem in one hall). One alert row on the board (kind ZONE) with its
// timeline, and a high-urgency message to each person reached.
import { randomUUID } from 'node:crypto';
import type { ZoneAlertInput } from '$lib/schemas/escalation';
import { db } from '../db';
import { DomainError, ForbiddenError } from '../errors';
import { wakeDeliveries } from '../notify/deliver';
import { asLocale, text } from '../notify/from-events';
import { writeNotices } from '../notify/outbox';
import { requireOperation, type OperationActor } from '../operations/access';
import { announceAlerts, raiseAlertIn } from './alerts';
import { distanceMeters, onDutyNow } from './duty';

/** Near a checkpoint: within this distance of it, or walking a route it is on. */
export const NEAR_METERS = 300;

export async function sendZoneAlert(
	actor: OperationActor,
	operationId: string,
	input: ZoneAlertInput,
	now = new Date()
) {
	if (actor.role !== 'ORGANIZER' && actor.role !== 'ADMIN') throw new ForbiddenError('alert_forbidden');
	await requireOperation(actor, operationId);
	const [zones, checkpoints] = await Promise.all([
		db.zone.findMany({ where: { id: { in: input.zoneIds }, operationId }, select: { id: true, name: true } }),
		db.checkpoint.findMany({
			where: { id: { in: input.checkpointIds }, operationId },
			select: { id: true, name: true, routeId: true, lat: true, lng: true }
		})
	]);
	if (zones.length !== input.zoneIds.length || checkpoints.length !== input.checkpointIds.length) {
		throw new DomainError('alert_zone_unknown', { status: 422, field: 'zoneIds' });
	}
	const zoneIds = new Set(zones.map((zone) => zone.id));
	const routeIds = new Set(checkpoints.map((checkpoint) => checkpoint.routeId));
	const people = (await onDutyNow(db, operationId, now)).filter(
		(person) =>
			(person.zoneId && zoneIds.has(person.zoneId)) ||
			(person.routeId && routeIds.has(person.routeId)) ||
			person.points.some((point) => checkpoints.some((c) => distanceMeters(point, c) <= NEAR_METERS))
	);
	const place = [...zones.map((zone) => zone.name), ...checkpoints.map((c) => c.name)].join(', ');
	const result = await db.$transaction(async (tx) => {
		const { alert } = await raiseAlertIn(tx, {
			operationId,
			kind: 'ZONE',
			priority: 'HIGH',
			foldKey: `zone:${randomUUID()}`,
			raisedById: actor.id,
			zoneId: zones.length === 1 ? zones[0].id : null,
			checkpointId: checkpoints.length === 1 ? checkpoints[0].id : null,
			at: now,
			params: { message: input.message, place }
		});
		const userIds = people.map((person) => person.userId);
		await tx.alertEvent.create({
			data: {
				alertId: alert.id,
				kind: 'notified',
				at: now,
				actorId: actor.id,
				data: JSON.stringify({ step: 1, stage: 'zone', userIds })
			}
		});
		const recipients = await tx.user.findMany({
			where: { id: { in: userIds } },
			select: { id: true, locale: true }
		});
		await writeNotices(
			tx,
			recipients.map((person) => ({
				userId: person.id,
				kind: 'alert.zone',
				title: text('notice_zone_alert_title', asLocale(person.locale), { place }),
				body: input.message,
				topic: `zone-alert:${alert.id}`,
				urgency: 'HIGH',
				operationId
			}))
		);
		return { alert, reached: recipients.length };
	});
	await announceAlerts([result.alert]);
	wakeDeliveries();
	return { alertId: result.alert.id, reached: result.reached };
}

/** The zones and checkpoints an organizer can pick on the board. */
export async function zoneAlertChoices(operationId: string) {
	const [zones, checkpoints] = await Promise.all([
		db.zone.findMany({ where: { operationId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
		db.checkpoint.findMany({
			where: { operationId },
			orderBy: [{ route: { name: 'asc' } }, { position: 'asc' }],
			select: { id: true, name: true, code: true }
		})
	]);
	return { zones, checkpoints };
}
