import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '../../../../tests/support/factories';
import { sosScene } from '../../../../tests/support/sos-factories';
import { sendZoneAlert } from './zone';

describe('zone alerts', () => {
	it('reach the people on duty in the chosen zone, or near a chosen checkpoint, and nobody else', async () => {
		const scene = await sosScene();
		const organizer = { id: scene.organizer.id, role: 'ORGANIZER' as const };
		// The zone: its route's people (the caller); the four "near" people are on a shift without a zone.
		const byZone = await sendZoneAlert(organizer, scene.operation.id, {
			zoneIds: [scene.zone.id],
			checkpointIds: [],
			message: 'Crowd at the east hall: keep the way clear.'
		});
		expect(byZone.reached).toBe(1);
		const notices = await db.notice.findMany({ where: { topic: `zone-alert:${byZone.alertId}` } });
		expect(notices.map((n) => n.userId)).toEqual([scene.caller.id]);
		expect(notices[0]).toMatchObject({
			urgency: 'HIGH',
			body: 'Crowd at the east hall: keep the way clear.'
		});
		expect(await db.alert.findUniqueOrThrow({ where: { id: byZone.alertId } })).toMatchObject({
			kind: 'ZONE',
			status: 'OPEN'
		});

		// Near a checkpoint: 300 m. Put the first checkpoint where the "near" people are.
		const [first] = scene.route.checkpoints;
		await db.checkpoint.update({
			where: { id: first.id },
			data: { lat: scene.origin.lat, lng: scene.origin.lng }
		});
		const byCheckpoint = await sendZoneAlert(organizer, scene.operation.id, {
			zoneIds: [],
			checkpointIds: [first.id],
			message: 'Fight reported by checkpoint 1.'
		});
		const reached = (await db.notice.findMany({ where: { topic: `zone-alert:${byCheckpoint.alertId}` } }))
			.map((n) => n.userId)
			.sort();
		// The caller walks that route; near[0] (100 m) is within reach; 300 m (just over), 2 km and 5 km are not.
		expect(reached).toEqual([scene.caller.id, scene.near[0].id].sort());
	});

	it('is for organizers of the operation, with its own zones only', async () => {
		const scene = await sosScene();
		const other = await sosScene();
		const volunteer = { id: scene.caller.id, role: 'VOLUNTEER' as const };
		const input = { zoneIds: [scene.zone.id], checkpointIds: [], message: 'x' };
		await expect(sendZoneAlert(volunteer, scene.operation.id, input)).rejects.toMatchObject({ status: 403 });
		const stranger = await makeUser({ role: 'ORGANIZER' });
		await expect(
			sendZoneAlert({ id: stranger.id, role: 'ORGANIZER' }, scene.operation.id, input)
		).rejects.toMatchObject({
			status: 404
		});
		await expect(
			sendZoneAlert({ id: scene.organizer.id, role: 'ORGANIZER' }, scene.operation.id, {
				...input,
				zoneIds: [other.zone.id]
			})
		).rejects.toMatchObject({ code: 'alert_zone_unknown', status: 422 });
	});
});
