// Many volunteers of one operation, one fake phone each (the user's id is the device's id), made
// in bulk for the crash test and the broadcast benchmark.
import { db } from '../../src/lib/server/db';
import type { FakeDevice } from './push-service';

export async function volunteersWithPhones(operationId: string, devices: FakeDevice[]): Promise<void> {
	await db.user.createMany({
		data: devices.map((device, i) => ({
			id: device.id,
			email: `${device.id}@test.redband`,
			name: `Volunteer ${i}`,
			passwordHash: 'unused',
			status: 'ACTIVE' as const,
			locale: i % 2 ? 'zh' : 'en'
		}))
	});
	await db.operationMember.createMany({
		data: devices.map((device) => ({ operationId, userId: device.id }))
	});
	await db.pushSubscription.createMany({
		data: devices.map((device) => ({
			userId: device.id,
			endpoint: device.endpoint,
			p256dh: device.keys.p256dh,
			auth: device.keys.auth
		}))
	});
}
