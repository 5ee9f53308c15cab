// The SOS ladder with a clock the test holds: each step after the wait while nobody answers, an
// answer at any step stops it, and with no answer it reaches the command post (texted through the
// SMS gateway). Runs on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { consumeEvents } from '$lib/server/notify';
import { sendDueSms } from '$lib/server/notify/sms';
import { sosScene } from '../../../../tests/support/sos-factories';
import { SmsGateway } from '../../../../tests/support/sms-gateway';
import { cancelAlert } from './alerts';
import { advanceEscalations } from './escalation';
import { answerAlert, mySos, raiseSos, resolveSos } from './sos';

const SECOND = 1000;
let gateway: SmsGateway;

beforeAll(async () => {
	gateway = await new SmsGateway().listen();
});

afterAll(async () => {
	delete process.env.SMS_GATEWAY_URL;
	await gateway.close();
});

async function notifiedSteps(alertId: string) {
	const events = await db.alertEvent.findMany({
		where: { alertId, kind: 'notified' },
		orderBy: [{ at: 'asc' }, { id: 'asc' }]
	});
	return events.map(
		(event) =>
			JSON.parse(event.data) as { step: number; stage: string; userIds: string[]; phone: string | null }
	);
}

const press = (scene: Awaited<ReturnType<typeof sosScene>>, at: Date) =>
	raiseSos(
		{ id: scene.caller.id, role: 'VOLUNTEER' },
		{
			id: randomUUID(),
			phoneTime: at.toISOString(),
			sentAt: at.toISOString(),
			kind: 'MEDICAL',
			...scene.origin,
			accuracy: 8
		},
		at
	);

describe('the SOS ladder', () => {
	it('climbs a step per wait while nobody answers, and reaches the command post', async () => {
		process.env.SMS_GATEWAY_URL = gateway.url;
		const scene = await sosScene();
		const t0 = new Date();
		const { alert, duplicate } = await press(scene, t0);
		expect(duplicate).toBe(false);
		expect(alert).toMatchObject({ kind: 'SOS', priority: 'CRITICAL', status: 'OPEN', step: 1 });
		expect(alert.nextStepAt?.getTime()).toBe(t0.getTime() + 60 * SECOND);

		// Step 1: the shift leader and the two nearest people on duty (100 m and 300 m away).
		let steps = await notifiedSteps(alert.id);
		expect(steps).toEqual([
			{ step: 1, stage: 'first', userIds: [scene.leader.id, scene.near[0].id, scene.near[1].id], phone: null }
		]);

		// Each run also moves other tests' alerts on (the file shares its database, in any order), so
		// what counts is this alert's own steps. Not yet due:
		await advanceEscalations(new Date(t0.getTime() + 59 * SECOND));
		expect(await notifiedSteps(alert.id)).toHaveLength(1);
		// Step 2: the zone lead; step 3: the organizers; step 4: the command post.
		for (const [seconds, stage] of [
			[61, 'zone_lead'],
			[122, 'organizers'],
			[183, 'command_post']
		] as const) {
			await advanceEscalations(new Date(t0.getTime() + seconds * SECOND));
			expect((await notifiedSteps(alert.id)).at(-1)?.stage).toBe(stage);
		}
		await advanceEscalations(new Date(t0.getTime() + 3600 * SECOND));

		steps = await notifiedSteps(alert.id);
		expect(steps.map((s) => [s.step, s.stage, s.userIds, s.phone])).toEqual([
			[1, 'first', [scene.leader.id, scene.near[0].id, scene.near[1].id], null],
			[2, 'zone_lead', [scene.zoneLead.id], null],
			[3, 'organizers', [scene.organizer.id], null],
			[4, 'command_post', [], '+85523999999']
		]);
		const final = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
		expect(final).toMatchObject({ step: 4, nextStepAt: null, status: 'OPEN' });

		// Every step texted its people (those with a phone) and the command post, with coordinates.
		await sendDueSms();
		const texts = gateway.accepted();
		expect(texts.map((sms) => sms.to)).toContain('+85523999999');
		expect(texts.find((sms) => sms.to === '+85523999999')?.message).toMatch(/SOS: .*31\.20000,121\.40000/);
		expect(texts.map((sms) => sms.to)).toContain(scene.zoneLead.phone);

		// Everyone called on has one inbox message for the alert, asking them to answer.
		await consumeEvents();
		const notices = await db.notice.findMany({ where: { topic: `alert:${alert.id}` } });
		expect(new Set(notices.map((n) => n.userId))).toEqual(
			new Set([scene.leader.id, scene.near[0].id, scene.near[1].id, scene.zoneLead.id, scene.organizer.id])
		);
		expect(notices.every((n) => n.kind === 'alert.respond' && n.urgency === 'HIGH')).toBe(true);
		expect(notices.every((n) => n.url === `/alerts/${alert.id}`)).toBe(true);
		delete process.env.SMS_GATEWAY_URL;
	});

	it('stops where it stands when someone answers, at any step', async () => {
		// Who answers at each step: someone that step called on.
		for (const index of [0, 1, 2]) {
			const scene = await sosScene();
			const answerer = [scene.near[0], scene.zoneLead, scene.organizer][index];
			const t0 = new Date();
			const { alert } = await press(scene, t0);
			for (let step = 1; step <= index; step++) {
				await advanceEscalations(new Date(t0.getTime() + step * 61 * SECOND));
			}
			expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).step).toBe(index + 1);
			const answered = await answerAlert({ id: answerer.id, role: answerer.role }, alert.id, 'on_my_way');
			expect(answered.changed).toBe(true);
			expect(answered.alert).toMatchObject({ status: 'ACKNOWLEDGED', nextStepAt: null });
			// Saying it twice records it once.
			expect(
				(await answerAlert({ id: answerer.id, role: answerer.role }, alert.id, 'on_my_way')).changed
			).toBe(false);
			// An hour later it has not moved (other tests' ladders in this database may have).
			await advanceEscalations(new Date(t0.getTime() + 3600 * SECOND));
			expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).step).toBe(index + 1);

			// The caller sees who is coming and when.
			const view = await mySos(scene.caller.id, alert.id);
			expect(view.answers).toEqual([
				{ kind: 'on_my_way', at: expect.any(Date), name: answerer.name, phone: answerer.phone }
			]);
			await answerAlert({ id: answerer.id, role: answerer.role }, alert.id, 'with_them');
			await resolveSos(
				{ id: answerer.id, role: answerer.role },
				alert.id,
				'Sprained ankle, taken to first aid'
			);
			const events = await db.alertEvent.findMany({
				where: { alertId: alert.id },
				orderBy: [{ at: 'asc' }, { id: 'asc' }]
			});
			expect(events.map((e) => e.kind).filter((k) => k !== 'notified' && k !== 'escalated')).toEqual([
				'raised',
				'on_my_way',
				'with_them',
				'resolved'
			]);
			expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
				status: 'RESOLVED',
				resolutionNote: 'Sprained ankle, taken to first aid'
			});
		}
	});

	it('someone not called on cannot answer; the caller can call off a false alarm, recorded', async () => {
		const scene = await sosScene();
		const { alert } = await press(scene, new Date());
		// The 5 km person was not among the nearest two.
		await expect(
			answerAlert({ id: scene.near[3].id, role: 'VOLUNTEER' }, alert.id, 'on_my_way')
		).rejects.toMatchObject({
			status: 404
		});
		await cancelAlert({ id: scene.caller.id, role: 'VOLUNTEER' }, alert.id, 'Pressed by mistake');
		expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
			status: 'CANCELLED',
			resolutionNote: 'Pressed by mistake'
		});
		// Other tests' alerts may still climb; this one, called off, must not.
		const steps = await notifiedSteps(alert.id);
		await advanceEscalations(new Date(Date.now() + 3600 * SECOND));
		expect(await notifiedSteps(alert.id)).toEqual(steps);
		expect(await db.alertEvent.count({ where: { alertId: alert.id, kind: 'escalated' } })).toBe(0);
		expect(
			await db.alertEvent.count({ where: { alertId: alert.id, kind: 'cancelled', actorId: scene.caller.id } })
		).toBe(1);
	});

	it('an SOS sent twice (a retried request) is raised once; two instances climb each step once', async () => {
		const scene = await sosScene();
		const at = new Date();
		const input = { id: randomUUID(), phoneTime: at.toISOString(), ...scene.origin };
		const actor = { id: scene.caller.id, role: 'VOLUNTEER' as const };
		const results = await Promise.all([raiseSos(actor, input, at), raiseSos(actor, input, at)]);
		expect(results.map((r) => r.alert.id)[0]).toBe(results[1].alert.id);
		expect(await db.alert.count({ where: { raisedById: scene.caller.id, kind: 'SOS' } })).toBe(1);
		const later = new Date(at.getTime() + 61 * SECOND);
		await Promise.all([advanceEscalations(later), advanceEscalations(later)]);
		expect((await notifiedSteps(results[0].alert.id)).map((s) => s.step)).toEqual([1, 2]);
	});
});
