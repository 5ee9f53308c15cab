import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { address, makeGuestScene } from '$test/guest-factories';
import { consumeEvents } from '../notify/from-events';
import { setCardEnabled } from './cards';
import {
	closeByGuest,
	closeExpiredRequests,
	guestView,
	GUEST_REQUEST_RETENTION_DAYS,
	publicCard,
	purgeClosedRequests,
	requestsFor,
	resolveRequest,
	sendHelpRequest,
	takeRequest
} from './help';
import { guestLimits } from './limits';
import { createCard } from './cards';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const help = (note?: string) => ({ kind: 'LOST_WAY' as const, note, locale: 'th' });

describe('guest help requests', () => {
	it('shows a card without anything about people, and sends a request the guest can follow by its link only', async () => {
		const { card, zone, gate } = await makeGuestScene();
		const view = await publicCard(card.code.toLowerCase(), address());
		expect(view).toMatchObject({ zone: zone.name, phone: '+862100000000', post: gate.name });
		expect(JSON.stringify(view)).not.toMatch(/armband|Ana/);

		const { token, id } = await sendHelpRequest(card.code, help('Near the blue tent'), null, address());
		expect(token.length).toBeGreaterThanOrEqual(43);
		const stored = await db.guestHelpRequest.findUniqueOrThrow({ where: { id } });
		expect(stored.tokenHash).not.toContain(token);
		expect(stored).toMatchObject({ status: 'OPEN', locale: 'th', nearestPostId: gate.id, zoneId: zone.id });
		expect(await guestView(token, address())).toMatchObject({
			status: 'OPEN',
			coming: null,
			zone: zone.name
		});
		await expect(guestView(`${token.slice(0, -2)}xx`, address())).rejects.toMatchObject({
			code: 'request_not_found',
			status: 404
		});
	});

	it('takes the nearest post from the position the guest shares', async () => {
		const { card, desk } = await makeGuestScene();
		const { id } = await sendHelpRequest(
			card.code,
			{ ...help(), lat: 31.2001, lng: 121.3101, accuracy: 12 },
			null,
			address()
		);
		expect(await db.guestHelpRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
			nearestPostId: desk.id,
			accuracy: 12
		});
	});

	it('reaches the people on duty in the zone, in their language, with a push-worthy notice', async () => {
		const { card, onDuty, offDuty, organizer } = await makeGuestScene();
		const { id } = await sendHelpRequest(card.code, help('Blue shirt'), null, address());
		await consumeEvents();
		const [notice] = await db.notice.findMany({ where: { userId: onDuty.id, kind: 'guest.help_requested' } });
		expect(notice).toMatchObject({ url: `/guests/${id}`, topic: `guest:${id}`, urgency: 'HIGH' });
		expect(notice.title).toBe('游客需要帮助：迷路了');
		expect(notice.body).toContain('Blue shirt');
		for (const other of [offDuty, organizer]) {
			expect(await db.notice.count({ where: { userId: other.id, kind: 'guest.help_requested' } })).toBe(0);
		}
	});

	it('lets the first volunteer on duty take it and tells the guest only a first name and an armband number', async () => {
		const { card, onDuty, offDuty, operation } = await makeGuestScene();
		const { token, id } = await sendHelpRequest(card.code, help(), null, address());
		await expect(takeRequest(offDuty, operation.id, id)).rejects.toMatchObject({ status: 404 });
		expect((await requestsFor(offDuty, operation.id)).requests).toEqual([]);
		expect((await requestsFor(onDuty, operation.id)).requests.map((r) => r.id)).toEqual([id]);

		await takeRequest(onDuty, operation.id, id);
		await takeRequest(onDuty, operation.id, id);
		const view = await guestView(token, address());
		expect(view.coming).toEqual({ name: 'Ana', armband: '112' });
		expect(JSON.stringify(view)).not.toMatch(/\+86|31\.19|Lim/);
	});

	it('gives a request to one of two volunteers taking it at once', async () => {
		const { card, onDuty, organizer, operation } = await makeGuestScene();
		const { id } = await sendHelpRequest(card.code, help(), null, address());
		const results = await Promise.allSettled([
			takeRequest(onDuty, operation.id, id),
			takeRequest(organizer, operation.id, id)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({
			reason: { code: 'guest_request_taken', status: 409 }
		});
	});

	it('is closed by the guest, by the volunteer who took it, or by itself after a while', async () => {
		const { card, onDuty, offDuty, operation } = await makeGuestScene();
		const byGuest = await sendHelpRequest(card.code, help(), null, address());
		await closeByGuest(byGuest.token, address());
		await expect(closeByGuest(byGuest.token, address())).rejects.toMatchObject({ code: 'already_closed' });

		const byVolunteer = await sendHelpRequest(card.code, help(), null, address());
		await takeRequest(onDuty, operation.id, byVolunteer.id);
		await expect(resolveRequest(offDuty, operation.id, byVolunteer.id)).rejects.toMatchObject({
			status: 404
		});
		await resolveRequest(onDuty, operation.id, byVolunteer.id);
		expect(await guestView(byVolunteer.token, address())).toMatchObject({ status: 'CLOSED', expired: false });

		const forgotten = await sendHelpRequest(card.code, help(), null, address());
		const later = new Date(Date.now() + 3 * HOUR);
		expect(await guestView(forgotten.token, address(), later)).toMatchObject({
			status: 'CLOSED',
			expired: true
		});
		expect(await closeExpiredRequests(later)).toBeGreaterThanOrEqual(1);
		expect(await db.guestHelpRequest.findUniqueOrThrow({ where: { id: forgotten.id } })).toMatchObject({
			status: 'CLOSED',
			expired: true
		});
		await expect(takeRequest(onDuty, operation.id, forgotten.id)).rejects.toMatchObject({ status: 409 });
	});

	it('purges requests closed longer than the retention period, with their photos, and keeps the rest', async () => {
		const { card, onDuty, operation } = await makeGuestScene();
		const photo = { contentType: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) };
		const send = () => sendHelpRequest(card.code, help('Red suitcase'), photo, address());
		const [old, recent, open, taken] = [await send(), await send(), await send(), await send()];
		for (const request of [old, recent]) await closeByGuest(request.token, address());
		await takeRequest(onDuty, operation.id, taken.id);
		const now = new Date();
		const closedAt = (days: number) => new Date(now.getTime() - days * DAY);
		await db.guestHelpRequest.update({
			where: { id: old.id },
			data: { closedAt: closedAt(GUEST_REQUEST_RETENTION_DAYS + 1) }
		});
		await db.guestHelpRequest.update({
			where: { id: recent.id },
			data: { closedAt: closedAt(GUEST_REQUEST_RETENTION_DAYS - 1) }
		});
		// Open and taken ones stay however old they are: only closing starts the clock.
		await db.guestHelpRequest.updateMany({
			where: { id: { in: [open.id, taken.id] } },
			data: { createdAt: closedAt(GUEST_REQUEST_RETENTION_DAYS + 5) }
		});

		expect(await purgeClosedRequests(now)).toBeGreaterThanOrEqual(1);
		const ids = [old, recent, open, taken].map((request) => request.id);
		const left = await db.guestHelpRequest.findMany({ where: { id: { in: ids } }, select: { id: true } });
		expect(left.map((request) => request.id).sort()).toEqual([recent.id, open.id, taken.id].sort());
		const photos = await db.guestHelpPhoto.findMany({ where: { requestId: { in: ids } } });
		expect(photos.map((p) => p.requestId).sort()).toEqual([recent.id, open.id, taken.id].sort());
		await expect(guestView(old.token, address())).rejects.toMatchObject({ status: 404 });
		await expect(guestView(recent.token, address())).resolves.toMatchObject({ status: 'CLOSED' });
	});

	it('refuses a disabled card at once, and serves it again when enabled', async () => {
		const { card, organizer, operation } = await makeGuestScene();
		await setCardEnabled(organizer.id, operation.id, card.id, false);
		await expect(publicCard(card.code, address())).rejects.toMatchObject({
			code: 'card_disabled',
			status: 410
		});
		await expect(sendHelpRequest(card.code, help(), null, address())).rejects.toMatchObject({ status: 410 });
		await setCardEnabled(organizer.id, operation.id, card.id, true);
		await expect(publicCard(card.code, address())).resolves.toMatchObject({ code: card.code });
	});

	it('limits requests per address and per card', async () => {
		const { card, organizer, operation, zone } = await makeGuestScene();
		const limits = guestLimits();
		const from = address();
		const cards = [card, await createCard(organizer.id, operation.id, { zoneId: zone.id })];
		for (let i = 0; i < limits.helpPerAddress.max; i++) {
			await sendHelpRequest(cards[i % 2].code, help(), null, from);
		}
		await expect(sendHelpRequest(cards[1].code, help(), null, from)).rejects.toMatchObject({
			code: 'rate_limited',
			status: 429,
			options: { params: { count: 10 } }
		});
		const sent = await db.guestHelpRequest.count({ where: { cardId: card.id } });
		for (let i = sent; i < limits.helpPerCard.max; i++)
			await sendHelpRequest(card.code, help(), null, address());
		await expect(sendHelpRequest(card.code, help(), null, address())).rejects.toMatchObject({ status: 429 });
		expect(await db.guestHelpRequest.count({ where: { cardId: card.id } })).toBe(limits.helpPerCard.max);
	});

	it('shuts out an address that keeps trying codes and links that do not exist', async () => {
		const { card } = await makeGuestScene();
		const prober = address();
		for (let i = 0; i < guestLimits().missesPerAddress.max; i++) {
			await expect(publicCard(`ZZZZ${String(i).padStart(4, '2')}`, prober)).rejects.toMatchObject({
				status: 404
			});
		}
		await expect(publicCard(card.code, prober)).rejects.toMatchObject({ status: 429 });
		await expect(guestView('anything', prober)).rejects.toMatchObject({ status: 429 });
		await expect(publicCard(card.code, address())).resolves.toMatchObject({ code: card.code });
	});
});
