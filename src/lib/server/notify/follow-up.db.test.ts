// Broadcasts that must be acknowledged: exact counts per recipient state for 2,000 people, and the
// follow-up (sent again, then each shift leader told who of their team has not answered).
import type { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { assign, makeOperation, makeShift, makeUser, unique } from '../../../../tests/support/factories';
import { volunteersWithPhones } from '../../../../tests/support/push-crowd';
import { PushService, trustingAgent } from '../../../../tests/support/push-service';
import { RECIPIENTS_PER_PAGE, broadcastRecipients, broadcastStatus, sendBroadcast } from './broadcasts';
import { DeliveryWorker } from './deliver';
import { runBroadcastFollowUps, unansweredTeam } from './follow-up';

const MINUTE = 60_000;
let service: PushService;
let agent: Agent;
let worker: DeliveryWorker;

beforeAll(async () => {
	service = await new PushService().listen();
	agent = trustingAgent(service, 50);
	worker = new DeliveryWorker({ agent, concurrency: 50 });
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
});

afterAll(async () => {
	await service.close();
	agent.destroy();
	delete process.env.PUSH_ALLOWED_HOSTS;
});

async function organizerOf(operationId: string) {
	const organizer = await makeUser({ role: 'ORGANIZER' });
	await db.operationMember.create({ data: { operationId, userId: organizer.id } });
	return organizer;
}

const message = { title: 'Storm warning', body: 'Go to the nearest shelter point.', translations: {} };

describe('a broadcast that must be acknowledged', () => {
	it('counts every recipient exactly in one state, for 2,000 people', async () => {
		const operation = await makeOperation();
		const organizer = await organizerOf(operation.id);
		const tag = unique('big');
		// 1,500 with a phone (100 of which the push service no longer knows), 500 with none.
		const phones = Array.from({ length: 1500 }, (_, i) => service.device(`${tag}-p${i}`));
		await volunteersWithPhones(operation.id, phones);
		const bare = Array.from({ length: 500 }, (_, i) => `${tag}-n${i}`);
		await db.user.createMany({
			data: bare.map((id) => ({
				id,
				email: `${id}@test.redband`,
				name: id,
				passwordHash: 'x',
				status: 'ACTIVE' as const
			}))
		});
		await db.operationMember.createMany({
			data: bare.map((userId) => ({ operationId: operation.id, userId }))
		});
		for (const device of phones.slice(0, 100)) service.unsubscribe(device.id, 410);

		const sent = await sendBroadcast(organizer, {
			operationId: operation.id,
			...message,
			urgency: 'HIGH',
			requireAck: true,
			audience: { roles: ['VOLUNTEER'] }
		});
		expect(sent.recipientCount).toBe(2000);
		let { status } = await broadcastStatus(organizer, sent.id);
		expect(status.people).toEqual({ acknowledged: 0, delivered: 0, sending: 1500, unreachable: 500 });

		await worker.drain();
		// 200 of those reached and 100 of those without a phone (who opened the app) acknowledge.
		const acknowledging = [...phones.slice(100, 300).map((device) => device.id), ...bare.slice(0, 100)];
		await db.notice.updateMany({
			where: { broadcastId: sent.id, userId: { in: acknowledging } },
			data: { acknowledgedAt: new Date() }
		});
		({ status } = await broadcastStatus(organizer, sent.id));
		expect(status.people).toEqual({ acknowledged: 300, delivered: 1200, sending: 0, unreachable: 500 });
		expect(status.withoutDevice).toBe(400);
		expect(status.total).toBe(2000);

		// The list behind each count holds exactly those people, page after page, none twice.
		const everyone = new Set<string>();
		for (const [state, expected] of Object.entries(status.people) as [keyof typeof status.people, number][]) {
			const seen: string[] = [];
			for (let page = 1; page <= Math.ceil(expected / RECIPIENTS_PER_PAGE) + 1; page++) {
				seen.push(...(await broadcastRecipients(organizer, sent.id, state, page)).map((row) => row.userId));
			}
			expect(seen).toHaveLength(expected);
			for (const id of seen) everyone.add(id);
		}
		expect(everyone.size).toBe(2000);
	}, 120_000);

	it('is sent again to whoever has not acknowledged, then their shift leader gets the list', async () => {
		const operation = await makeOperation();
		const organizer = await organizerOf(operation.id);
		const now = Date.now();
		const lead = await makeUser({ name: 'Lead Lin', phone: '+8613800000001' });
		const otherLead = await makeUser({ name: 'Lead Mai', phone: '+8613800000002' });
		const shift = await makeShift(operation.id, { startsAt: new Date(now - 30 * MINUTE), leaderId: lead.id });
		const later = await makeShift(operation.id, {
			startsAt: new Date(now + 60 * MINUTE),
			leaderId: otherLead.id
		});
		const [ann, bo, cai, dan] = await Promise.all(
			['Ann', 'Bo', 'Cai', 'Dan'].map((name, i) => makeUser({ name, phone: `+861390000000${i}` }))
		);
		for (const person of [ann, bo, cai]) await assign(shift.id, person.id);
		await assign(later.id, dan.id);
		const phones = new Map<string, string>();
		for (const person of [ann, bo, cai, dan]) {
			const device = service.device();
			phones.set(person.id, device.id);
			await db.pushSubscription.create({
				data: {
					userId: person.id,
					endpoint: device.endpoint,
					p256dh: device.keys.p256dh,
					auth: device.keys.auth
				}
			});
		}
		const sent = await sendBroadcast(organizer, {
			operationId: operation.id,
			...message,
			urgency: 'HIGH',
			requireAck: true,
			followUpMinutes: 10,
			audience: { shiftIds: [shift.id, later.id] }
		});
		expect(sent.recipientCount).toBe(4);
		await worker.drain();
		const ack = (userId: string) =>
			db.notice.updateMany({ where: { broadcastId: sent.id, userId }, data: { acknowledgedAt: new Date() } });
		await ack(ann.id);

		// Not due yet.
		expect(await runBroadcastFollowUps(new Date(now + 5 * MINUTE))).toEqual({ resent: 0, leadersTold: 0 });
		// Due: sent again to the three who have not acknowledged, once, however many instances run it.
		const at10 = new Date(now + 10 * MINUTE + 1000);
		const runs = await Promise.all([runBroadcastFollowUps(at10), runBroadcastFollowUps(at10)]);
		expect(runs.reduce((sum, run) => sum + run.resent, 0)).toBe(3);
		await worker.drain();
		const pushes = (person: { id: string }) => service.accepted(phones.get(person.id)).length;
		expect([ann, bo, cai, dan].map(pushes)).toEqual([1, 2, 2, 2]);
		await ack(bo.id);

		expect(await runBroadcastFollowUps(new Date(now + 15 * MINUTE))).toEqual({ resent: 0, leadersTold: 0 });
		const at20 = new Date(now + 20 * MINUTE + 2000);
		const told = await Promise.all([runBroadcastFollowUps(at20), runBroadcastFollowUps(at20)]);
		expect(told.reduce((sum, run) => sum + run.leadersTold, 0)).toBe(2);
		expect(await runBroadcastFollowUps(new Date(now + 60 * MINUTE))).toEqual({ resent: 0, leadersTold: 0 });

		// Each leader hears about their own people only, by name, with a link to call them.
		const leaderNotice = async (userId: string) =>
			db.notice.findFirstOrThrow({ where: { userId, kind: 'broadcast.unanswered' } });
		const linNotice = await leaderNotice(lead.id);
		expect(linNotice).toMatchObject({ urgency: 'HIGH', url: `/inbox/unanswered/${sent.id}` });
		expect(linNotice.title).toMatch(/1 of your team/);
		expect(linNotice.body).toContain('Cai');
		expect(linNotice.body).not.toContain('Bo');
		expect((await leaderNotice(otherLead.id)).body).toContain('Dan');
		expect(await db.notice.count({ where: { kind: 'broadcast.unanswered', userId: lead.id } })).toBe(1);

		const team = await unansweredTeam(lead.id, sent.id);
		expect(team?.people).toEqual([{ userId: cai.id, name: 'Cai', phone: '+8613900000002' }]);
		expect(await unansweredTeam(cai.id, sent.id)).toBeNull();
		const { status } = await broadcastStatus(organizer, sent.id);
		expect(status.followUp).toEqual({ minutes: 10, step: 2, at: null });
		expect(status.people).toEqual({ acknowledged: 2, delivered: 2, sending: 0, unreachable: 0 });
	});
});
