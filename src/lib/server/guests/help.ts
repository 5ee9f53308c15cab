// Help requests from guests: sent from a zone's public card page without an account, taken by a
// volunteer on duty in that zone ("I'm coming"), closed by either side or by time. The guest sees
// their request only through the secret link made here, and only ever learns the first name and
// armband number of whoever comes: never a phone number or a position.
import { distanceMetres } from '$lib/geo';
import { firstName, GUEST_HELP_OPEN_HOURS, type GuestHelpKind } from '$lib/guests/kinds';
import { db, type Tx } from '../db';
import { announceAlerts } from '../alerts/alerts';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { handOff } from './alerts';
import { announceRequest, takeRequestIn } from './alert-link';
import { currentOperationOf } from '../operations/access';
import { mayActInZone, zonesFor, type Actor } from './duty';
import { check, hit } from './limits';
import type { StoredPhoto } from './photos';
import { addressKey, newRequestToken, normaliseCardCode, requestTokenHash } from './secrets';

const HOUR = 60 * 60 * 1000;

/** A code or link that names nothing: counted against the address, then a 404. */
async function miss(address: string, what: 'card' | 'request'): Promise<never> {
	await hit('missesPerAddress', addressKey(address));
	throw new NotFoundError(what);
}

const cardSelect = {
	id: true,
	code: true,
	label: true,
	disabledAt: true,
	operationId: true,
	zoneId: true,
	postId: true,
	operation: { select: { name: true, timezone: true } },
	zone: {
		select: {
			name: true,
			guestPhone: true,
			posts: {
				where: { lat: { not: null }, lng: { not: null } },
				select: { id: true, name: true, lat: true, lng: true },
				orderBy: { name: 'asc' as const }
			}
		}
	},
	post: { select: { id: true, name: true } }
} as const;

async function liveCard(code: string, address: string) {
	await check('missesPerAddress', addressKey(address));
	const normal = normaliseCardCode(code);
	const card = normal ? await db.guestCard.findUnique({ where: { code: normal }, select: cardSelect }) : null;
	if (!card) return miss(address, 'card');
	if (card.disabledAt) throw new DomainError('card_disabled', { status: 410 });
	return card;
}

/** What a guest's card page shows: public facts about the zone, nothing about people. */
export async function publicCard(code: string, address: string) {
	const card = await liveCard(code, address);
	return {
		code: card.code,
		operation: card.operation.name,
		zone: card.zone.name,
		phone: card.zone.guestPhone,
		post: card.post?.name ?? null,
		posts: card.zone.posts.map((post) => ({ id: post.id, name: post.name, lat: post.lat!, lng: post.lng! }))
	};
}

export interface HelpInput {
	kind: GuestHelpKind;
	note?: string;
	lat?: number;
	lng?: number;
	accuracy?: number;
	locale: string;
}

function nearestPost(
	posts: { id: string; lat: number | null; lng: number | null }[],
	at: { lat: number; lng: number }
) {
	let best: { id: string; metres: number } | null = null;
	for (const post of posts) {
		if (post.lat === null || post.lng === null) continue;
		const metres = distanceMetres(at, { lat: post.lat, lng: post.lng });
		if (!best || metres < best.metres) best = { id: post.id, metres };
	}
	return best?.id ?? null;
}

/**
 * A guest's request from card `code`. Returns the guest's secret token (their only way back to
 * it). Limits: per address and per card (limits.ts); the caller bounds the body's size.
 */
export async function sendHelpRequest(
	code: string,
	input: HelpInput,
	photo: StoredPhoto | null,
	address: string,
	now = new Date()
): Promise<{ token: string; id: string }> {
	const card = await liveCard(code, address);
	await hit('helpPerAddress', addressKey(address), now);
	await hit('helpPerCard', card.id, now);
	const position =
		input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : null;
	const nearestPostId = position ? nearestPost(card.zone.posts, position) : card.postId;
	const postName =
		(nearestPostId ? card.zone.posts.find((p) => p.id === nearestPostId)?.name : undefined) ??
		card.post?.name ??
		null;
	const token = newRequestToken();
	const note = input.note ?? null;
	const id = await db.$transaction(async (tx) => {
		const request = await tx.guestHelpRequest.create({
			data: {
				tokenHash: requestTokenHash(token),
				cardId: card.id,
				operationId: card.operationId,
				zoneId: card.zoneId,
				kind: input.kind,
				note,
				locale: input.locale,
				lat: position?.lat,
				lng: position?.lng,
				accuracy: position ? input.accuracy : undefined,
				nearestPostId,
				hasPhoto: photo !== null,
				expiresAt: new Date(now.getTime() + GUEST_HELP_OPEN_HOURS * HOUR),
				createdAt: now,
				...(photo ? { photo: { create: photo } } : {})
			},
			select: { id: true }
		});
		if (input.kind === 'LOST_ITEM' || input.kind === 'FOUND_ITEM') {
			await tx.lostFoundItem.create({
				data: {
					operationId: card.operationId,
					kind: input.kind === 'LOST_ITEM' ? 'LOST' : 'FOUND',
					description: note ?? '',
					place: postName ?? card.zone.name,
					zoneId: card.zoneId,
					happenedAt: now,
					hasPhoto: photo !== null,
					requestId: request.id,
					...(photo ? { photo: { create: photo } } : {})
				}
			});
		}
		await handOff(tx, {
			change: 'raised',
			request: {
				id: request.id,
				operationId: card.operationId,
				zoneId: card.zoneId,
				kind: input.kind,
				zone: card.zone.name,
				post: postName,
				lat: position?.lat,
				lng: position?.lng,
				accuracy: position ? input.accuracy : undefined,
				at: now
			}
		});
		return request.id;
	});
	await announce({ id, zoneId: card.zoneId, operationId: card.operationId });
	return { token, id };
}

/**
 * Tells every page that watches this request (the guest's, the zone's, the organizers' list) and
 * the boards that show its alert.
 */
async function announce(request: { id: string; zoneId: string; operationId: string }) {
	await Promise.all([announceRequest(request), announceAlerts([{ operationId: request.operationId }])]);
}

/** Closed by nobody before expiresAt: it counts as closed from then on, job or no job. */
export function isExpired(request: { status: string; expiresAt: Date }, now = new Date()) {
	return request.status !== 'CLOSED' && request.expiresAt <= now;
}

/** The request behind a guest's link: its id, for the live stream (a miss counts as one). */
export async function requestIdForToken(token: string, address: string): Promise<string> {
	await check('missesPerAddress', addressKey(address));
	const request = await db.guestHelpRequest.findUnique({
		where: { tokenHash: requestTokenHash(token) },
		select: { id: true }
	});
	return request?.id ?? miss(address, 'request');
}

/** What the guest's own page shows. The volunteer is a first name and an armband number. */
export async function guestView(token: string, address: string, now = new Date()) {
	const id = await requestIdForToken(token, address);
	const request = await db.guestHelpRequest.findUniqueOrThrow({
		where: { id },
		select: {
			id: true,
			kind: true,
			status: true,
			expired: true,
			createdAt: true,
			closedAt: true,
			expiresAt: true,
			card: { select: { code: true } },
			zone: { select: { name: true } },
			operation: { select: { name: true, timezone: true } },
			takenBy: { select: { name: true, profile: { select: { armband: true } } } },
			item: {
				select: {
					kind: true,
					status: true,
					handedOverAt: true,
					foundItem: { select: { handedOverAt: true } }
				}
			}
		}
	});
	const expired = request.expired || isExpired(request, now);
	const status = expired ? 'CLOSED' : request.status;
	const item = request.item;
	return {
		kind: request.kind,
		status,
		expired,
		createdAt: request.createdAt,
		cardCode: request.card.code,
		zone: request.zone.name,
		operation: request.operation.name,
		timezone: request.operation.timezone,
		coming:
			status === 'TAKEN' && request.takenBy
				? { name: firstName(request.takenBy.name), armband: request.takenBy.profile?.armband ?? null }
				: null,
		item: item && {
			kind: item.kind,
			status: item.status,
			handedOverAt: item.handedOverAt ?? item.foundItem?.handedOverAt ?? null
		}
	};
}

async function closeRequest(
	tx: Tx,
	request: { id: string },
	byId: string | null,
	now: Date
): Promise<boolean> {
	const { count } = await tx.guestHelpRequest.updateMany({
		where: { id: request.id, status: { not: 'CLOSED' } },
		data: { status: 'CLOSED', closedAt: now }
	});
	if (count) await handOff(tx, { change: 'closed', requestId: request.id, byId, at: now });
	return count > 0;
}

/** The guest no longer needs help. */
export async function closeByGuest(token: string, address: string, now = new Date()): Promise<void> {
	await hit('writesPerAddress', addressKey(address), now);
	const id = await requestIdForToken(token, address);
	const request = await db.guestHelpRequest.findUniqueOrThrow({
		where: { id },
		select: { id: true, zoneId: true, operationId: true, status: true }
	});
	if (request.status === 'CLOSED') throw new DomainError('already_closed', { status: 409 });
	await db.$transaction((tx) => closeRequest(tx, request, null, now));
	await announce(request);
}

/** Requests nobody closed in time; they close by themselves. */
export async function closeExpiredRequests(now = new Date()): Promise<number> {
	const due = await db.guestHelpRequest.findMany({
		where: { status: { not: 'CLOSED' }, expiresAt: { lte: now } },
		select: { id: true, zoneId: true, operationId: true },
		take: 500
	});
	let closed = 0;
	for (const request of due) {
		const done = await db.$transaction(async (tx) => {
			const { count } = await tx.guestHelpRequest.updateMany({
				where: { id: request.id, status: { not: 'CLOSED' } },
				data: { status: 'CLOSED', closedAt: now, expired: true }
			});
			if (count) {
				await handOff(tx, { change: 'closed', requestId: request.id, byId: null, expired: true, at: now });
			}
			return count > 0;
		});
		if (done) {
			closed++;
			await announce(request);
		}
	}
	return closed;
}

/**
 * How long a closed request is kept, with its note, position and photo: a guest's words and
 * whereabouts are needed for follow-up questions and the event's debrief, which come within a few
 * weeks, and not after. Counted from closing, so a request is never purged while someone works on it.
 */
export const GUEST_REQUEST_RETENTION_DAYS = 30;

/** Requests closed longer than the retention period; their photos go with them (cascade). */
export async function purgeClosedRequests(now = new Date()): Promise<number> {
	const before = new Date(now.getTime() - GUEST_REQUEST_RETENTION_DAYS * 24 * HOUR);
	const due = await db.guestHelpRequest.findMany({
		where: { status: 'CLOSED', closedAt: { lt: before } },
		select: { id: true },
		take: 500
	});
	if (!due.length) return 0;
	const { count } = await db.guestHelpRequest.deleteMany({
		where: { id: { in: due.map((request) => request.id) }, status: 'CLOSED', closedAt: { lt: before } }
	});
	return count;
}

const volunteerSelect = {
	id: true,
	kind: true,
	status: true,
	note: true,
	locale: true,
	hasPhoto: true,
	lat: true,
	lng: true,
	accuracy: true,
	createdAt: true,
	expiresAt: true,
	takenAt: true,
	closedAt: true,
	expired: true,
	zoneId: true,
	operationId: true,
	zone: { select: { name: true } },
	card: { select: { label: true, post: { select: { name: true } } } },
	nearestPost: { select: { name: true } },
	takenBy: { select: { id: true, name: true } },
	item: { select: { id: true } }
} as const;

/** Open and taken requests in the zones `actor` looks after, newest first. */
export async function requestsFor(actor: Actor, operationId: string, now = new Date()) {
	const zones = await zonesFor(actor, operationId, now);
	const rows = await db.guestHelpRequest.findMany({
		where: {
			operationId,
			status: { not: 'CLOSED' },
			expiresAt: { gt: now },
			...(zones === 'all' ? {} : { zoneId: { in: zones } })
		},
		select: volunteerSelect,
		orderBy: { createdAt: 'desc' },
		take: 200
	});
	return { zones, requests: rows };
}

/** One request for a volunteer who may act on it (a 404 for anyone else: ids cannot be probed). */
export async function requestForVolunteer(actor: Actor, operationId: string, id: string, now = new Date()) {
	const request = await db.guestHelpRequest.findFirst({
		where: { id, operationId },
		select: volunteerSelect
	});
	if (!request || !(await mayActInZone(actor, operationId, request.zoneId, now))) {
		throw new NotFoundError('guest_request');
	}
	return { ...request, expired: request.expired || isExpired(request, now) };
}

/** "I'm coming": the first volunteer to take it gets it; taking it again is harmless. */
export async function takeRequest(actor: Actor, operationId: string, id: string, now = new Date()) {
	const taken = await db.$transaction(async (tx) => {
		const request = await takeRequestIn(tx, actor, operationId, id, now);
		if (request) await handOff(tx, { change: 'taken', requestId: id, byId: actor.id, at: now });
		return request;
	});
	if (taken) await announce(taken);
}

/** Done: closed by the volunteer who took it, or by an organizer. */
export async function resolveRequest(actor: Actor, operationId: string, id: string, now = new Date()) {
	const request = await requestForVolunteer(actor, operationId, id, now);
	const zones = await zonesFor(actor, operationId, now);
	if (request.takenBy?.id !== actor.id && zones !== 'all')
		throw new ForbiddenError('guest_request_not_yours');
	const closed = await db.$transaction((tx) => closeRequest(tx, request, actor.id, now));
	if (closed) await announce(request);
}

/**
 * The staff page of the guest request behind an alert, when `actor` may open it: it must be their
 * working operation's and in a zone they act in (requestForVolunteer's check); else null.
 */
export async function requestPageFor(
	actor: Actor,
	alert: { guestRequestId: string | null; operationId: string; zoneId: string | null },
	now = new Date()
): Promise<string | null> {
	if (!alert.guestRequestId || !alert.zoneId) return null;
	const operation = await currentOperationOf(actor, now);
	if (operation?.id !== alert.operationId) return null;
	return (await mayActInZone(actor, alert.operationId, alert.zoneId, now))
		? `/guests/${alert.guestRequestId}`
		: null;
}

export async function requestPhoto(actor: Actor, operationId: string, id: string) {
	await requestForVolunteer(actor, operationId, id);
	return db.guestHelpPhoto.findUnique({
		where: { requestId: id },
		select: { contentType: true, bytes: true }
	});
}
