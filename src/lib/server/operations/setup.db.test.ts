import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation, makeRoute, makeUser } from '$test/factories';
import { readCheckpointToken } from './checkpoint-token';
import { checkpointPosters } from './posters';
import {
	addCheckpoint,
	deleteCheckpoint,
	deleteZone,
	moveCheckpoint,
	routeDetail,
	saveRoute,
	saveZone
} from './setup';

const names = async (routeId: string) =>
	(await routeDetail(routeId)).checkpoints.map((c) => `${c.position}:${c.name}`);

describe('setting up routes', () => {
	it('keeps checkpoints in order through adding, moving and deleting, and audits each change', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const zone = await saveZone(organizer.id, operation.id, { name: 'Harbour' });
		const route = await saveRoute(organizer.id, operation.id, {
			name: 'Quay',
			zoneId: zone.id,
			expectedIntervalMinutes: 15
		});
		for (const name of ['A', 'B', 'C']) {
			await addCheckpoint(organizer.id, route.id, { name, lat: 31.2, lng: 121.3 });
		}
		const [a, , c] = (await routeDetail(route.id)).checkpoints;
		expect(a.code).toMatch(/^[A-Z2-9]{4}$/);
		await moveCheckpoint(organizer.id, route.id, c.id, 'up');
		expect(await names(route.id)).toEqual(['1:A', '2:C', '3:B']);
		await moveCheckpoint(organizer.id, route.id, a.id, 'up');
		expect(await names(route.id)).toEqual(['1:A', '2:C', '3:B']);
		await deleteCheckpoint(organizer.id, route.id, a.id);
		expect(await names(route.id)).toEqual(['1:C', '2:B']);

		const audits = await db.auditEntry.findMany({ where: { subjectId: route.id, actorId: organizer.id } });
		expect(audits.map((e) => e.action).sort()).toEqual(
			[
				'checkpoint.created',
				'checkpoint.created',
				'checkpoint.created',
				'checkpoint.deleted',
				// Moving the first one up changes nothing and is not recorded.
				'checkpoint.moved',
				'route.created'
			].sort()
		);
	});

	it('refuses a code used elsewhere in the operation, a duplicate name, and deleting a zone with routes', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const route = await makeRoute(operation.id, { checkpoints: 1 });
		await expect(
			addCheckpoint(organizer.id, route.id, {
				name: 'Clash',
				lat: 1,
				lng: 1,
				code: route.checkpoints[0].code
			})
		).rejects.toMatchObject({ code: 'checkpoint_code_taken', options: { field: 'code' } });
		await expect(
			saveRoute(organizer.id, operation.id, {
				name: route.name,
				zoneId: route.zoneId,
				expectedIntervalMinutes: 20
			})
		).rejects.toMatchObject({ code: 'route_name_taken', options: { field: 'name' } });
		await expect(deleteZone(organizer.id, route.operationId, route.zoneId)).rejects.toMatchObject({
			code: 'zone_has_routes'
		});
	});

	it('prints posters whose QR link carries a token for that checkpoint and route', async () => {
		const operation = await makeOperation();
		const route = await makeRoute(operation.id, { checkpoints: 2 });
		const posters = await checkpointPosters('https://redband.example', route.checkpoints);
		expect(posters[0].link).toMatch(/^https:\/\/redband\.example\/scan\//);
		expect(readCheckpointToken(posters[0].link)).toEqual({ c: route.checkpoints[0].id, r: route.id });
		expect(posters[0].qr).toMatch(/^<svg/);
	});
});
