import type { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudienceFilters } from '$lib/schemas/notify';
import { db, type AssignmentStatus, type Role } from '$lib/server/db';
import { DomainError, ForbiddenError } from '$lib/server/errors';
import { makeOperation, makeRoute, makeShift, makeUser, makeZone } from '../../../../tests/support/factories';
import { makePost } from '../../../../tests/support/logistics-factories';
import { PushService, trustingAgent } from '../../../../tests/support/push-service';
import { resolveAudience } from './audience';
import {
	broadcastRecipients,
	broadcastStatus,
	listBroadcasts,
	previewAudience,
	resendToUnacknowledged,
	sendBroadcast
} from './broadcasts';
import { DeliveryWorker } from './deliver';
import { acknowledge, getNotice, listInbox, markAllRead, markRead, unreadCount } from './inbox';
import { saveSubscription } from './subscriptions';

const HOUR = 60 * 60 * 1000;

/** A small pseudo-random generator, so the seeded population is the same on every run. */
function seeded(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

interface Model {
	id: string;
	role: Role;
	locale: string;
	active: boolean;
	memberA: boolean;
	/** Shift index in operation A and status, if on one. */
	assignment: { shift: number; status: AssignmentStatus } | null;
}

async function seedPopulation() {
	const now = Date.now();
	const [a, b] = [await makeOperation(), await makeOperation()];
	const [north, south] = [await makeZone(a.id), await makeZone(a.id)];
	const northGate = await makePost(a.id);
	await db.post.update({ where: { id: northGate.id }, data: { zoneId: north.id } });
	const southLoop = await makeRoute(a.id, { zoneId: south.id, checkpoints: 1 });
	const northLoop = await makeRoute(a.id, { zoneId: north.id, checkpoints: 1 });
	const shifts = [
		// 0: north (post), on duty now; 1: south (route), later; 2: north (route), later; 3: no zone, now.
		{
			shift: await makeShift(a.id, { postId: northGate.id, startsAt: new Date(now - HOUR) }),
			zone: north.id,
			now: true
		},
		{ shift: await makeShift(a.id, { routeId: southLoop.id }), zone: south.id, now: false },
		{ shift: await makeShift(a.id, { routeId: northLoop.id }), zone: north.id, now: false },
		{ shift: await makeShift(a.id, { startsAt: new Date(now - HOUR) }), zone: null, now: true }
	];
	const other = await makeShift(b.id, { startsAt: new Date(now - HOUR) });

	const random = seeded(42);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const people: Model[] = [];
	const outsiders: string[] = [];
	for (let i = 0; i < 48; i++) {
		const role = pick(['VOLUNTEER', 'VOLUNTEER', 'VOLUNTEER', 'LOGISTICS', 'ORGANIZER'] as const);
		const locale = pick(['en', 'zh'] as const);
		const active = random() > 0.1;
		const user = await makeUser({ role, locale, status: active ? 'ACTIVE' : 'SUSPENDED' });
		const memberA = random() > 0.4;
		const onA = random() > 0.35;
		const assignment = onA
			? {
					shift: Math.floor(random() * shifts.length),
					status: pick(['ASSIGNED', 'PRESENT', 'WAITLISTED', 'DROPPED'] as const)
				}
			: null;
		if (memberA) await db.operationMember.create({ data: { operationId: a.id, userId: user.id } });
		if (assignment) {
			await db.assignment.create({
				data: { shiftId: shifts[assignment.shift].shift.id, userId: user.id, status: assignment.status }
			});
		}
		// Some also work on operation B, and some only there.
		if (random() > 0.6 || (!memberA && !assignment)) {
			await db.operationMember.create({ data: { operationId: b.id, userId: user.id } });
			await db.assignment.create({ data: { shiftId: other.id, userId: user.id } });
			if (!memberA && !assignment) outsiders.push(user.id);
		}
		people.push({ id: user.id, role, locale, active, memberA, assignment });
	}

	/** What the filters describe, computed from the model, not the database. */
	const expected = (filters: AudienceFilters) =>
		people
			.filter((person) => {
				const on = person.assignment && ['ASSIGNED', 'PRESENT'].includes(person.assignment.status);
				const shift = on ? shifts[person.assignment!.shift] : null;
				if (!person.active || !(person.memberA || shift)) return false;
				if (filters.zoneIds && !(shift && filters.zoneIds.includes(shift.zone ?? ''))) return false;
				if (filters.shiftIds && !(shift && filters.shiftIds.includes(shift.shift.id))) return false;
				if (filters.onDutyNow && !shift?.now) return false;
				if (filters.roles && !filters.roles.includes(person.role)) return false;
				if (filters.locales && !filters.locales.includes(person.locale as 'en')) return false;
				return true;
			})
			.map((person) => person.id)
			.sort();

	return { a, b, north, south, shifts: shifts.map((s) => s.shift), other, people, outsiders, expected };
}

let scene: Awaited<ReturnType<typeof seedPopulation>>;
let service: PushService;
let agent: Agent;
let worker: DeliveryWorker;

beforeAll(async () => {
	scene = await seedPopulation();
	service = await new PushService().listen();
	agent = trustingAgent(service, 20);
	worker = new DeliveryWorker({ agent, concurrency: 20 });
	process.env.PUSH_ALLOWED_HOSTS = '127.0.0.1';
});

afterAll(async () => {
	await service.close();
	agent.destroy();
	delete process.env.PUSH_ALLOWED_HOSTS;
});

/**
 * An organizer of the operation. One added to operation A joins the model too, so that what the
 * filters describe stays right whatever order the tests run in.
 */
async function organizerOf(operationId: string, locale = 'en') {
	const organizer = await makeUser({ role: 'ORGANIZER', locale });
	await db.operationMember.create({ data: { operationId, userId: organizer.id } });
	if (operationId === scene.a.id) {
		scene.people.push({
			id: organizer.id,
			role: 'ORGANIZER',
			locale,
			active: true,
			memberA: true,
			assignment: null
		});
	}
	return organizer;
}

const text = { title: 'Gate 3 needs ten more people', body: 'Go to Gate 3 now.', translations: {} };

describe('audience', () => {
	it('is exactly the people the filters describe, and never another operation', async () => {
		const { a, north, south, shifts, expected, outsiders } = scene;
		const cases: AudienceFilters[] = [
			{},
			{ zoneIds: [north.id] },
			{ zoneIds: [south.id] },
			{ zoneIds: [north.id, south.id] },
			{ shiftIds: [shifts[0].id, shifts[1].id] },
			{ shiftIds: [shifts[3].id] },
			{ roles: ['VOLUNTEER'] },
			{ roles: ['LOGISTICS', 'ORGANIZER'] },
			{ locales: ['zh'] },
			{ onDutyNow: true },
			{ onDutyNow: true, locales: ['en'] },
			{ zoneIds: [north.id], roles: ['VOLUNTEER'], locales: ['zh'] },
			{ zoneIds: [south.id], onDutyNow: true }
		];
		let nonEmpty = 0;
		for (const filters of cases) {
			const ids = (await resolveAudience(a.id, filters)).map((person) => person.id).sort();
			expect(ids, JSON.stringify(filters)).toEqual(expected(filters));
			for (const outsider of outsiders) expect(ids).not.toContain(outsider);
			if (ids.length) nonEmpty++;
		}
		expect(nonEmpty).toBeGreaterThan(8);
		expect(outsiders.length).toBeGreaterThan(0);
	});

	it('counts what it would send, for organizers of the operation only', async () => {
		const { a, b, north, expected } = scene;
		const organizer = await organizerOf(a.id);
		const filters = { zoneIds: [north.id] };
		expect(await previewAudience(organizer, { operationId: a.id, audience: filters })).toEqual({
			count: expected(filters).length
		});
		const volunteer = await makeUser();
		await expect(previewAudience(volunteer, { operationId: a.id, audience: {} })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		const elsewhere = await organizerOf(b.id);
		await expect(previewAudience(elsewhere, { operationId: a.id, audience: {} })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		// A zone of operation A used with operation B is refused, not silently ignored.
		const refusal = await previewAudience(elsewhere, { operationId: b.id, audience: filters }).catch(
			(e) => e
		);
		expect(refusal).toBeInstanceOf(DomainError);
		expect(refusal.code).toBe('notice_scope_unknown');
	});
});

describe('broadcasts', () => {
	it('reaches the audience in each person’s language, and nobody in another operation', async () => {
		const { a, b, outsiders, expected } = scene;
		const organizer = await organizerOf(a.id);
		const result = await sendBroadcast(organizer, {
			operationId: a.id,
			...text,
			translations: { zh: { title: '三号门需要十个人', body: '请立即前往三号门。' } },
			urgency: 'HIGH',
			requireAck: true,
			audience: {}
		});
		const recipients = expected({});
		expect(result.recipientCount).toBe(recipients.length);

		const notices = await db.notice.findMany({ where: { broadcastId: result.id }, include: { user: true } });
		expect(notices.map((notice) => notice.userId).sort()).toEqual(recipients);
		for (const notice of notices) {
			expect(notice.title).toBe(notice.user.locale === 'zh' ? '三号门需要十个人' : text.title);
			expect(notice).toMatchObject({
				kind: 'broadcast',
				urgency: 'HIGH',
				requireAck: true,
				operationId: a.id
			});
		}
		for (const outsider of outsiders) expect(await unreadCount(outsider)).toBe(0);
		expect((await listBroadcasts(organizer, a.id)).map((row) => row.id)).toContain(result.id);
		expect((await listBroadcasts(await organizerOf(b.id), b.id)).map((row) => row.id)).not.toContain(
			result.id
		);
		// On the audit log of operation A, with who sent it to how many.
		expect(await db.auditEntry.findMany({ where: { subjectId: result.id } })).toEqual([
			expect.objectContaining({ operationId: a.id, actorId: organizer.id, action: 'broadcast.sent' })
		]);
	});

	it('refuses an audience of nobody', async () => {
		const organizer = await organizerOf(scene.a.id);
		const error = await sendBroadcast(organizer, {
			operationId: scene.a.id,
			...text,
			urgency: 'NORMAL',
			requireAck: false,
			audience: { shiftIds: [scene.shifts[2].id], locales: ['en'], roles: ['ADMIN'] }
		}).catch((e) => e);
		expect(error.code).toBe('notice_audience_empty');
	});

	it('tracks delivery and acknowledgements, and sends again only to those who have not acknowledged', async () => {
		const operation = await makeOperation();
		const organizer = await organizerOf(operation.id);
		const crew = [];
		for (let i = 0; i < 4; i++) {
			const person = await makeUser({ locale: i % 2 ? 'zh' : 'en' });
			await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
			crew.push(person);
		}
		// Three have a phone each; the fourth has no push and reads the inbox only.
		const devices = crew.slice(0, 3).map(() => service.device());
		for (const [i, device] of devices.entries()) {
			await saveSubscription(crew[i].id, { endpoint: device.endpoint, keys: device.keys });
		}
		const sent = await sendBroadcast(organizer, {
			operationId: operation.id,
			...text,
			urgency: 'NORMAL',
			requireAck: true,
			audience: { roles: ['VOLUNTEER'] }
		});
		expect(sent).toMatchObject({ recipientCount: 4, pushes: 3 });
		let { status } = await broadcastStatus(organizer, sent.id);
		expect(status).toMatchObject({
			queued: 3,
			handed: 0,
			failed: 0,
			acknowledged: 0,
			total: 4,
			withoutDevice: 1
		});

		await worker.drain();
		const notice = (userId: string) =>
			db.notice.findFirstOrThrow({ where: { broadcastId: sent.id, userId } });
		const first = await acknowledge(crew[0].id, (await notice(crew[0].id)).id);
		const again = await acknowledge(crew[0].id, (await notice(crew[0].id)).id);
		expect(first.first).toBe(true);
		expect(again).toEqual({ acknowledgedAt: first.acknowledgedAt, first: false });
		await acknowledge(crew[3].id, (await notice(crew[3].id)).id);
		// Someone else's message cannot be acknowledged (nor seen).
		await expect(acknowledge(crew[1].id, (await notice(crew[2].id)).id)).rejects.toMatchObject({
			code: 'notice_not_found'
		});

		({ status } = await broadcastStatus(organizer, sent.id));
		expect(status).toMatchObject({ queued: 0, handed: 3, failed: 0, acknowledged: 2, total: 4 });
		expect(status.people).toEqual({ acknowledged: 2, delivered: 2, sending: 0, unreachable: 0 });
		const waiting = await broadcastRecipients(organizer, sent.id, 'delivered');
		expect(waiting.map((row) => row.userId).sort()).toEqual([crew[1].id, crew[2].id].sort());

		const resend = await resendToUnacknowledged(organizer, sent.id);
		expect(resend).toMatchObject({ people: 2, pushes: 2, round: 1 });
		await worker.drain();
		const perDevice = devices.map((device) => service.accepted(device.id).length);
		expect(perDevice).toEqual([1, 2, 2]);
		({ status } = await broadcastStatus(organizer, sent.id));
		expect(status).toMatchObject({ queued: 0, handed: 5, acknowledged: 2 });

		await expect(broadcastStatus(crew[0], sent.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(resendToUnacknowledged(await organizerOf(scene.b.id), sent.id)).rejects.toBeInstanceOf(
			ForbiddenError
		);
	});
});

describe('the inbox', () => {
	it('lists newest first in pages, counts unread and marks read', async () => {
		const person = await makeUser();
		const operation = await makeOperation();
		await db.operationMember.create({ data: { operationId: operation.id, userId: person.id } });
		const organizer = await organizerOf(operation.id);
		for (let i = 0; i < 5; i++) {
			await sendBroadcast(organizer, {
				operationId: operation.id,
				title: `Message ${i}`,
				body: 'Body',
				translations: {},
				urgency: 'NORMAL',
				requireAck: false,
				audience: { roles: ['VOLUNTEER'] }
			});
		}
		const page = await listInbox(person.id, { take: 3 });
		expect(page.map((notice) => notice.title)).toEqual(['Message 4', 'Message 3', 'Message 2']);
		const next = await listInbox(person.id, { take: 3, before: page[2].id });
		expect(next.map((notice) => notice.title)).toEqual(['Message 1', 'Message 0']);
		expect(await unreadCount(person.id)).toBe(5);

		await markRead(person.id, page[0].id);
		await markRead(person.id, page[0].id);
		expect(await unreadCount(person.id)).toBe(4);
		expect((await getNotice(person.id, page[0].id)).readAt).toBeInstanceOf(Date);
		await expect(markRead(organizer.id, page[1].id)).rejects.toMatchObject({ code: 'notice_not_found' });
		expect(await markAllRead(person.id)).toBe(4);
		expect(await unreadCount(person.id)).toBe(0);
	});
});
