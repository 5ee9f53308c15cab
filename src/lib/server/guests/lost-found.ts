// Lost and found for an operation: items reported lost (by guests through a help request, or by a
// volunteer for someone) and items found, matched to each other, and handed over to whoever proved
// the item was theirs. A guest who reported a loss sees the match and the hand-over on their page.
import type { HandoverProof, LostFoundKind, LostFoundStatus } from '../db';
import { audit } from '../audit';
import { db, isUniqueViolation } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { publish } from '../live/bus';
import { guestRequestChannel } from './channels';
import { suggestMatches } from './matching';
import type { StoredPhoto } from './photos';

export interface ItemInput {
	kind: LostFoundKind;
	description: string;
	place?: string;
	zoneId?: string;
	happenedAt: Date;
}

const listSelect = {
	id: true,
	kind: true,
	status: true,
	description: true,
	place: true,
	zoneId: true,
	happenedAt: true,
	hasPhoto: true,
	requestId: true,
	zone: { select: { name: true } }
} as const;

export async function listItems(
	operationId: string,
	filter: { kind?: LostFoundKind; status?: LostFoundStatus } = {}
) {
	return db.lostFoundItem.findMany({
		where: { operationId, ...filter },
		orderBy: { happenedAt: 'desc' },
		select: listSelect,
		take: 200
	});
}

export async function recordItem(
	actorId: string,
	operationId: string,
	input: ItemInput,
	photo: StoredPhoto | null
) {
	if (input.zoneId) {
		const zone = await db.zone.findFirst({ where: { id: input.zoneId, operationId }, select: { id: true } });
		if (!zone) throw new DomainError('zone_not_found', { field: 'zoneId', status: 404 });
	}
	return db.$transaction(async (tx) => {
		const item = await tx.lostFoundItem.create({
			data: {
				operationId,
				kind: input.kind,
				description: input.description,
				place: input.place ?? null,
				zoneId: input.zoneId ?? null,
				happenedAt: input.happenedAt,
				hasPhoto: photo !== null,
				recordedById: actorId,
				...(photo ? { photo: { create: photo } } : {})
			},
			select: { id: true }
		});
		await audit(tx, {
			actorId,
			action: 'lost_found.recorded',
			subjectType: 'LostFoundItem',
			subjectId: item.id
		});
		return item;
	});
}

async function itemIn(operationId: string, id: string) {
	const item = await db.lostFoundItem.findFirst({
		where: { id, operationId },
		select: {
			...listSelect,
			createdAt: true,
			matchedAt: true,
			handedOverAt: true,
			receiverName: true,
			proof: true,
			proofNote: true,
			foundItemId: true,
			recordedBy: { select: { name: true } },
			matchedBy: { select: { name: true } },
			handedOverBy: { select: { name: true } },
			request: { select: { id: true, locale: true } },
			foundItem: { select: listSelect },
			lostItem: { select: listSelect }
		}
	});
	if (!item) throw new NotFoundError('lost_item');
	return item;
}

/** An item, what it is matched with, and (while it is open) the likeliest items on the other side. */
export async function itemDetail(operationId: string, id: string) {
	const item = await itemIn(operationId, id);
	const other = item.kind === 'LOST' ? 'FOUND' : 'LOST';
	const candidates =
		item.status === 'OPEN'
			? await db.lostFoundItem.findMany({
					where: { operationId, kind: other, status: 'OPEN' },
					orderBy: { happenedAt: 'desc' },
					select: listSelect,
					take: 500
				})
			: [];
	return { item, suggestions: suggestMatches(item, item.kind, candidates) };
}

async function tellGuests(...requestIds: (string | null | undefined)[]) {
	await Promise.all(
		requestIds.filter((id): id is string => !!id).map((id) => publish(guestRequestChannel(id)))
	);
}

/** "This is it": links a lost item to a found one (given in either order); each is matched once. */
export async function matchItems(
	actorId: string,
	operationId: string,
	itemId: string,
	otherId: string,
	now = new Date()
) {
	const [item, other] = await Promise.all([itemIn(operationId, itemId), itemIn(operationId, otherId)]);
	const [lost, found] = item.kind === 'LOST' ? [item, other] : [other, item];
	if (lost.kind !== 'LOST' || found.kind !== 'FOUND')
		throw new DomainError('lost_found_kinds', { status: 422 });
	const [lostId, foundId] = [lost.id, found.id];
	if (lost.status !== 'OPEN' || found.status !== 'OPEN')
		throw new DomainError('lost_found_not_open', { status: 409 });
	try {
		await db.$transaction(async (tx) => {
			const claimed = await tx.lostFoundItem.updateMany({
				where: { id: foundId, status: 'OPEN' },
				data: { status: 'MATCHED', matchedAt: now, matchedById: actorId }
			});
			const linked = await tx.lostFoundItem.updateMany({
				where: { id: lostId, status: 'OPEN' },
				data: { status: 'MATCHED', foundItemId: foundId, matchedAt: now, matchedById: actorId }
			});
			// Someone else matched one of them a moment ago: nothing of this is kept.
			if (!claimed.count || !linked.count) throw new DomainError('lost_found_not_open', { status: 409 });
			await audit(tx, {
				actorId,
				action: 'lost_found.matched',
				subjectType: 'LostFoundItem',
				subjectId: lostId,
				detail: { foundId }
			});
		});
	} catch (caught) {
		if (isUniqueViolation(caught)) throw new DomainError('lost_found_not_open', { status: 409 });
		throw caught;
	}
	await tellGuests(lost.requestId, found.requestId);
}

export interface HandoverInput {
	receiverName: string;
	proof: HandoverProof;
	proofNote?: string;
}

/** The found item goes back to its owner; a lost report matched to it is settled with it. */
export async function handOver(
	actorId: string,
	operationId: string,
	foundId: string,
	input: HandoverInput,
	now = new Date()
) {
	const found = await itemIn(operationId, foundId);
	if (found.kind !== 'FOUND') throw new DomainError('lost_found_kinds', { status: 422 });
	if (found.status !== 'OPEN' && found.status !== 'MATCHED') {
		throw new DomainError('lost_found_not_open', { status: 409 });
	}
	await db.$transaction(async (tx) => {
		const { count } = await tx.lostFoundItem.updateMany({
			where: { id: foundId, status: { in: ['OPEN', 'MATCHED'] } },
			data: {
				status: 'RETURNED',
				handedOverAt: now,
				handedOverById: actorId,
				receiverName: input.receiverName,
				proof: input.proof,
				proofNote: input.proofNote ?? null
			}
		});
		if (!count) throw new DomainError('lost_found_not_open', { status: 409 });
		await tx.lostFoundItem.updateMany({ where: { foundItemId: foundId }, data: { status: 'RETURNED' } });
		await audit(tx, {
			actorId,
			action: 'lost_found.handed_over',
			subjectType: 'LostFoundItem',
			subjectId: foundId,
			detail: { proof: input.proof }
		});
	});
	await tellGuests(found.requestId, found.lostItem?.requestId);
}

export async function itemPhoto(operationId: string, id: string) {
	await itemIn(operationId, id);
	return db.lostFoundPhoto.findUnique({ where: { itemId: id }, select: { contentType: true, bytes: true } });
}

/** The zones an item can be placed in. */
export function zoneChoices(operationId: string) {
	return db.zone.findMany({
		where: { operationId },
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
}
