import { afterAll, describe, expect, it } from 'vitest';
import { alertBody } from '$lib/alerts/text';
import { firstName } from '$lib/guests/kinds';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { address, makeGuestScene } from '$test/guest-factories';
import { makeZone } from '$test/factories';
import { acknowledgeAlert, cancelAlert, openAlerts, resolveAlert } from '../alerts/alerts';
import { consumeEvents } from '../notify/from-events';
import { guestAlertKey } from './alert-link';
import { handOff } from './alerts';
import { createCard } from './cards';
import {
	closeByGuest,
	closeExpiredRequests,
	guestView,
	requestForVolunteer,
	requestPageFor,
	resolveRequest,
	sendHelpRequest,
	takeRequest,
	type HelpInput
} from './help';

afterAll(closeLiveBus);

const HOUR = 60 * 60 * 1000;
const ask = (kind: HelpInput['kind'], note?: string): HelpInput => ({ kind, note, locale: 'th' });
const alertOf = (requestId: string) =>
	db.alert.findFirstOrThrow({ where: { foldKey: guestAlertKey(requestId) } });

describe(`guest help requests as GUEST_HELP alerts on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('raises one open alert per request, in its zone and operation, urgent for medical and unsafe', async () => {
		const { card, operation, zone, gate } = await makeGuestScene();
		const medical = await sendHelpRequest(card.code, ask('MEDICAL', 'Fainted'), null, address());
		const unsafe = await sendHelpRequest(card.code, ask('UNSAFE'), null, address());
		const lost = await sendHelpRequest(card.code, ask('LOST_WAY'), null, address());

		const alert = await alertOf(medical.id);
		expect(alert).toMatchObject({
			kind: 'GUEST_HELP',
			status: 'OPEN',
			priority: 'HIGH',
			operationId: operation.id,
			zoneId: zone.id,
			raisedById: null,
			count: 1
		});
		expect(JSON.parse(alert.params)).toEqual({
			help: 'MEDICAL',
			place: gate.name,
			zone: zone.name,
			request: medical.id
		});
		// The guest's own words stay with the request: the alert reaches the wall and the briefing.
		expect(alert.params).not.toContain('Fainted');
		expect(await alertOf(unsafe.id)).toMatchObject({ priority: 'HIGH' });
		expect(await alertOf(lost.id)).toMatchObject({ priority: 'NORMAL', status: 'OPEN' });

		const board = await openAlerts(operation.id);
		expect(board.counts.GUEST_HELP).toBe(3);
		// Urgent ones first, as on the board.
		expect(board.alerts.map((a) => a.kind === 'GUEST_HELP' && a.priority)).toEqual([
			'HIGH',
			'HIGH',
			'NORMAL'
		]);
		const view = board.alerts.find((a) => a.id === alert.id)!;
		expect(alertBody(view, { locale: 'en', timezone: 'UTC' })).toBe(
			`Medical help at ${gate.name}, ${zone.name}.`
		);
		expect(alertBody(view, { locale: 'zh', timezone: 'UTC' })).toBe(
			`${zone.name} · ${gate.name}：需要医疗帮助。`
		);
	});

	it('folds a repeated raise of the same request into its alert instead of adding one', async () => {
		const { card, operation, zone } = await makeGuestScene();
		const { id } = await sendHelpRequest(card.code, ask('OTHER'), null, address());
		const again = {
			change: 'raised' as const,
			request: {
				id,
				operationId: operation.id,
				zoneId: zone.id,
				kind: 'OTHER' as const,
				zone: zone.name,
				post: null,
				at: new Date()
			}
		};
		await db.$transaction((tx) => handOff(tx, again));
		await db.$transaction((tx) => handOff(tx, again));
		const alerts = await db.alert.findMany({ where: { foldKey: guestAlertKey(id) } });
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ status: 'OPEN', count: 3 });
		expect((await openAlerts(operation.id)).counts.GUEST_HELP).toBe(1);
	});

	it('is acknowledged by and assigned to the volunteer who takes the request', async () => {
		const { card, operation, onDuty } = await makeGuestScene();
		const { id } = await sendHelpRequest(card.code, ask('LOST_WAY'), null, address());
		await takeRequest(onDuty, operation.id, id);
		await takeRequest(onDuty, operation.id, id);
		const alert = await alertOf(id);
		expect(alert).toMatchObject({
			status: 'ACKNOWLEDGED',
			assignedToId: onDuty.id,
			acknowledgedById: onDuty.id
		});
		const steps = await db.alertEvent.findMany({ where: { alertId: alert.id }, orderBy: { at: 'asc' } });
		expect(steps.map((s) => [s.kind, s.actorId])).toEqual([
			['raised', null],
			['assigned', onDuty.id]
		]);
	});

	it('links its alert to the request’s staff page for those who may open it, and for nobody else', async () => {
		const { card, zone, operation, onDuty, offDuty, organizer } = await makeGuestScene();
		const { id } = await sendHelpRequest(card.code, ask('LOST_ITEM', 'Black wallet'), null, address());
		const view = (await openAlerts(operation.id)).alerts.find((alert) => alert.guestRequestId === id);
		expect(view).toMatchObject({ kind: 'GUEST_HELP', zoneId: zone.id });
		for (const person of [organizer, onDuty]) {
			expect(await requestPageFor(person, view!)).toBe(`/guests/${id}`);
			await expect(requestForVolunteer(person, operation.id, id)).resolves.toMatchObject({
				note: 'Black wallet'
			});
		}
		expect(await requestPageFor(offDuty, view!)).toBeNull();
		expect(await requestPageFor(organizer, { ...view!, guestRequestId: null })).toBeNull();
	});

	it('takes the request for whoever takes its alert on from the board, so the guest sees someone coming', async () => {
		const { card, operation, onDuty, offDuty, organizer } = await makeGuestScene();
		const { token, id } = await sendHelpRequest(card.code, ask('MEDICAL'), null, address());
		const alert = await alertOf(id);
		await expect(acknowledgeAlert(offDuty, alert.id)).rejects.toMatchObject({ status: 404 });
		expect(await guestView(token, address())).toMatchObject({ status: 'OPEN', coming: null });

		expect((await acknowledgeAlert(organizer, alert.id)).changed).toBe(true);
		expect(await guestView(token, address())).toMatchObject({
			status: 'TAKEN',
			coming: { name: firstName(organizer.name) }
		});
		expect(await db.guestHelpRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
			takenById: organizer.id
		});
		expect(await alertOf(id)).toMatchObject({
			status: 'ACKNOWLEDGED',
			assignedToId: organizer.id,
			acknowledgedById: organizer.id
		});
		expect((await acknowledgeAlert(organizer, alert.id)).changed).toBe(false);
		// The volunteer who taps "I'm coming" next hears who is already on the way.
		await expect(takeRequest(onDuty, operation.id, id)).rejects.toMatchObject({
			code: 'guest_request_taken',
			status: 409
		});
	});

	it('leaves the alert open when its request cannot be taken: both change together or neither', async () => {
		const { card, organizer } = await makeGuestScene();
		const { token, id } = await sendHelpRequest(card.code, ask('LOST_WAY'), null, address());
		// Past its time, before the job has closed it.
		await db.guestHelpRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
		const alert = await alertOf(id);
		await expect(acknowledgeAlert(organizer, alert.id)).rejects.toMatchObject({
			code: 'guest_request_closed',
			status: 409
		});
		expect(await alertOf(id)).toMatchObject({ status: 'OPEN', assignedToId: null, acknowledgedById: null });
		expect(await db.guestHelpRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
			status: 'OPEN',
			takenById: null
		});
		expect(await guestView(token, address())).toMatchObject({ coming: null });
	});

	it('is resolved by the volunteer who closes the request, and cleared when the guest or time closes it', async () => {
		const { card, operation, onDuty } = await makeGuestScene();
		const helped = await sendHelpRequest(card.code, ask('LOST_WAY'), null, address());
		await takeRequest(onDuty, operation.id, helped.id);
		await resolveRequest(onDuty, operation.id, helped.id);
		expect(await alertOf(helped.id)).toMatchObject({
			status: 'RESOLVED',
			openKey: null,
			resolvedById: onDuty.id,
			clearedAt: null
		});

		const byGuest = await sendHelpRequest(card.code, ask('OTHER'), null, address());
		await closeByGuest(byGuest.token, address());
		const cleared = await alertOf(byGuest.id);
		expect(cleared).toMatchObject({ status: 'RESOLVED', openKey: null, resolvedById: null });
		expect(cleared.clearedAt).not.toBeNull();

		const forgotten = await sendHelpRequest(card.code, ask('MEDICAL'), null, address());
		await takeRequest(onDuty, operation.id, forgotten.id);
		const later = new Date(Date.now() + 3 * HOUR);
		expect(await closeExpiredRequests(later)).toBeGreaterThanOrEqual(1);
		const expired = await alertOf(forgotten.id);
		expect(expired).toMatchObject({ status: 'RESOLVED', resolvedById: null, clearedAt: later });
		const step = await db.alertEvent.findFirstOrThrow({ where: { alertId: expired.id, kind: 'cleared' } });
		expect(JSON.parse(step.data)).toEqual({ reason: 'expired' });
		expect((await openAlerts(operation.id)).counts.GUEST_HELP ?? 0).toBe(0);
	});

	it('closes the request when the alert is resolved or cancelled on the board, by those who may only', async () => {
		const { card, operation, onDuty, offDuty, organizer } = await makeGuestScene();
		const first = await sendHelpRequest(card.code, ask('MEDICAL'), null, address());
		const alert = await alertOf(first.id);
		await expect(resolveAlert(offDuty, alert.id, 'Not mine')).rejects.toMatchObject({ status: 404 });
		expect(await guestView(first.token, address())).toMatchObject({ status: 'OPEN' });

		await resolveAlert(organizer, alert.id, 'Medics took over at the gate');
		expect(await guestView(first.token, address())).toMatchObject({ status: 'CLOSED', expired: false });
		expect(await alertOf(first.id)).toMatchObject({ status: 'RESOLVED', resolvedById: organizer.id });
		// The volunteer on their way hears it is closed, not that someone else took it.
		await expect(takeRequest(onDuty, operation.id, first.id)).rejects.toMatchObject({
			code: 'guest_request_closed',
			status: 409
		});

		const second = await sendHelpRequest(card.code, ask('OTHER'), null, address());
		await takeRequest(onDuty, operation.id, second.id);
		await cancelAlert(organizer, (await alertOf(second.id)).id, 'Test card');
		expect(await guestView(second.token, address())).toMatchObject({ status: 'CLOSED' });
		// Closing it again from the volunteer's side changes nothing.
		await resolveRequest(onDuty, operation.id, second.id);
		expect(await alertOf(second.id)).toMatchObject({ status: 'CANCELLED', resolvedById: organizer.id });
	});

	it('tells each person once: the guest notice to those on duty, the alert to organizers it left out', async () => {
		const { card, operation, onDuty, organizer } = await makeGuestScene();
		const medical = await sendHelpRequest(card.code, ask('MEDICAL'), null, address());
		const lost = await sendHelpRequest(card.code, ask('LOST_WAY'), null, address());
		await consumeEvents();
		const notices = (userId: string) =>
			db.notice.findMany({ where: { userId }, select: { kind: true, topic: true, urgency: true } });

		expect(await notices(onDuty.id)).toEqual(
			expect.arrayContaining([
				{ kind: 'guest.help_requested', topic: `guest:${medical.id}`, urgency: 'HIGH' },
				{ kind: 'guest.help_requested', topic: `guest:${lost.id}`, urgency: 'HIGH' }
			])
		);
		expect(await notices(onDuty.id)).toHaveLength(2);
		const medicalAlert = await alertOf(medical.id);
		expect(await notices(organizer.id)).toEqual([
			{ kind: 'alert', topic: `alert:${medicalAlert.id}`, urgency: 'HIGH' }
		]);

		// Taking and closing it rewrite the organizer's one notice; the volunteer gets nothing more.
		await takeRequest(onDuty, operation.id, medical.id);
		await resolveRequest(onDuty, operation.id, medical.id);
		await consumeEvents();
		expect(await notices(onDuty.id)).toHaveLength(2);
		const [rewritten] = await db.notice.findMany({ where: { userId: organizer.id } });
		expect(rewritten.title).toBe('Resolved: Guest needs help');

		// Nobody on duty in a zone: the organizers get the guest notice, and not the alert too.
		const quiet = await makeZone(operation.id);
		const quietCard = await createCard(organizer.id, operation.id, { zoneId: quiet.id });
		const alone = await sendHelpRequest(quietCard.code, ask('UNSAFE'), null, address());
		await consumeEvents();
		const about = await db.notice.findMany({
			where: {
				userId: organizer.id,
				topic: { in: [`guest:${alone.id}`, `alert:${(await alertOf(alone.id)).id}`] }
			},
			select: { kind: true }
		});
		expect(about).toEqual([{ kind: 'guest.help_requested' }]);
	});
});
