import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeOperation, makeUser, makeZone, unique } from '$test/factories';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { recordCheckIn } from './check-ins';
import { teamView } from './team';
import { computeVisits, sendToBlindSpot } from './visits';

afterAll(closeLiveBus);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe(`time since last visit on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('is right across a day of check-ins, late arrivals included, with blind spots longest first', async () => {
		const s = await makePatrolScenario({
			checkpoints: 4,
			startedMinutesAgo: 24 * 60,
			lengthMinutes: 25 * 60
		});
		await startScenarioPatrol(s, 24 * 60 - 5);
		const now = Date.now();
		const visit = (i: number, ago: number) => {
			const at = new Date(now - ago);
			return recordCheckIn(
				s.volunteer.id,
				{
					id: clientId(),
					assignmentId: s.assignment.id,
					method: 'CODE',
					code: s.checkpoints[i].code,
					phoneTime: at,
					sentAt: new Date(at.getTime() + 1000),
					lat: undefined,
					lng: undefined,
					accuracy: undefined
				},
				new Date(at.getTime() + 2000)
			);
		};
		await visit(0, 23 * HOUR);
		await visit(1, 20 * HOUR);
		await visit(0, 12 * HOUR);
		await visit(2, 2 * HOUR);
		await visit(0, 30 * MINUTE);
		await visit(1, 10 * MINUTE);
		// Synced late from a second phone: older than the last visit there, so it changes nothing.
		await visit(2, 5 * HOUR);

		const map = await computeVisits(s.operation.id, new Date(now));
		const [route] = map.routes;
		expect(route.checkpoints.map((c) => [c.minutes, c.band])).toEqual([
			[30, 'recent'],
			[10, 'fresh'],
			[120, 'blind'],
			[null, 'blind']
		]);
		expect(map.blindSpots.map((c) => c.id)).toEqual([s.checkpoints[3].id, s.checkpoints[2].id]);
		expect(map.zones.find((z) => z.id === route.zoneId)).toMatchObject({
			checkpoints: 4,
			bands: { fresh: 1, recent: 1, old: 0, blind: 2 },
			neverVisited: 1,
			worstMinutes: null
		});
		// Thresholds per route: a route that allows two hours has no blind spot at 120 minutes... but 121.
		await db.route.update({ where: { id: s.route.id }, data: { freshMinutes: 30, staleMinutes: 121 } });
		const relaxed = await computeVisits(s.operation.id, new Date(now));
		expect(relaxed.routes[0].checkpoints.map((c) => c.band)).toEqual(['fresh', 'fresh', 'old', 'blind']);
	});

	it('sends the patroller of the route to a blind spot in one call, and the visit clears it', async () => {
		const leader = await makeUser();
		const s = await makePatrolScenario({ checkpoints: 3, leaderId: leader.id });
		await startScenarioPatrol(s, 5);
		const blind = s.checkpoints[2];
		// The leader's team view lists it, one tap from sending someone.
		const [team] = await teamView(leader.id);
		expect(team.blindSpots.map((spot) => spot.id)).toContain(blind.id);
		const sent = await sendToBlindSpot(leader, blind.id);
		expect(sent.sentTo).toBe(s.volunteer.id);
		const alert = await db.alert.findUniqueOrThrow({ where: { id: sent.alertId } });
		expect(alert).toMatchObject({ kind: 'BLIND_SPOT', assignedToId: s.volunteer.id, status: 'ACKNOWLEDGED' });
		// Someone who leads nothing there may not.
		await expect(sendToBlindSpot(await makeUser(), blind.id)).rejects.toMatchObject({ status: 404 });

		await recordCheckIn(s.volunteer.id, {
			id: clientId(),
			assignmentId: s.assignment.id,
			method: 'CODE',
			code: blind.code,
			phoneTime: new Date(),
			sentAt: new Date(),
			lat: undefined,
			lng: undefined,
			accuracy: undefined
		});
		expect((await db.alert.findUniqueOrThrow({ where: { id: sent.alertId } })).status).toBe('RESOLVED');
	});

	it('reads 5,000 checkpoints from their summary columns within the board’s time', async () => {
		const operation = await makeOperation();
		const now = Date.now();
		for (let z = 0; z < 10; z++) {
			const zone = await makeZone(operation.id);
			for (let r = 0; r < 5; r++) {
				const route = await db.route.create({
					data: { operationId: operation.id, zoneId: zone.id, name: unique('Route ') }
				});
				await db.checkpoint.createMany({
					data: Array.from({ length: 100 }, (_, i) => ({
						routeId: route.id,
						operationId: operation.id,
						position: i + 1,
						name: `Checkpoint ${z}-${r}-${i}`,
						code: unique('K').toUpperCase(),
						lat: 31.2 + z * 0.01 + i * 0.0001,
						lng: 121.4 + r * 0.01,
						// Every seventh never visited; the rest up to three hours ago.
						lastVisitAt: i % 7 === 0 ? null : new Date(now - ((i * 37 + r * 11) % 180) * MINUTE)
					}))
				});
			}
		}
		await computeVisits(operation.id, new Date(now)); // warm up (query plans, connections)
		const started = performance.now();
		const map = await computeVisits(operation.id, new Date(now));
		const took = performance.now() - started;
		expect(map.routes.flatMap((r) => r.checkpoints)).toHaveLength(5000);
		expect(map.zones.reduce((sum, z) => sum + z.checkpoints, 0)).toBe(5000);
		expect(map.blindSpots[0].lastVisitAt).toBeNull();
		// The board reloads every few seconds; one computation serves every watcher for a second.
		expect(took).toBeLessThan(1500);
	});
});
