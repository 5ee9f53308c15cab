// Guest cards, as organizers manage them: made per zone (optionally at a post), printed with a QR
// code and a short link, disabled when abused. A zone's public phone is the number cards show.
import { audit } from '../audit';
import { db, isUniqueViolation } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { newCardCode } from './secrets';

/** The short link printed on a card and held in its QR code. */
export const cardLink = (origin: string, code: string) => `${origin}/g/${code}`;

export async function guestCardsOf(operationId: string) {
	return db.zone.findMany({
		where: { operationId },
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			guestPhone: true,
			posts: { orderBy: { name: 'asc' }, select: { id: true, name: true } },
			guestCards: {
				orderBy: { createdAt: 'asc' },
				select: {
					id: true,
					code: true,
					label: true,
					disabledAt: true,
					createdAt: true,
					post: { select: { name: true } },
					_count: { select: { requests: true } }
				}
			}
		}
	});
}

export interface CardInput {
	zoneId: string;
	postId?: string;
	label?: string;
}

export async function createCard(actorId: string, operationId: string, input: CardInput) {
	const zone = await db.zone.findFirst({ where: { id: input.zoneId, operationId }, select: { id: true } });
	if (!zone) throw new DomainError('zone_not_found', { field: 'zoneId', status: 404 });
	if (input.postId) {
		const post = await db.post.findFirst({ where: { id: input.postId, operationId }, select: { id: true } });
		if (!post) throw new DomainError('post_not_found', { field: 'postId', status: 404 });
	}
	// 40 bits of code: a collision is rare enough to simply draw again.
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.$transaction(async (tx) => {
				const card = await tx.guestCard.create({
					data: {
						operationId,
						zoneId: zone.id,
						postId: input.postId ?? null,
						label: input.label ?? null,
						code: newCardCode()
					},
					select: { id: true, code: true }
				});
				await audit(tx, {
					actorId,
					action: 'guest_card.created',
					subjectType: 'GuestCard',
					subjectId: card.id
				});
				return card;
			});
		} catch (caught) {
			if (!isUniqueViolation(caught) || attempt >= 3) throw caught;
		}
	}
}

/** Disabling takes effect at once: the card's page and its help form answer "no longer in use". */
export async function setCardEnabled(actorId: string, operationId: string, cardId: string, enabled: boolean) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.guestCard.updateMany({
			where: { id: cardId, operationId },
			data: { disabledAt: enabled ? null : new Date() }
		});
		if (!count) throw new NotFoundError('guest_card');
		await audit(tx, {
			actorId,
			action: enabled ? 'guest_card.enabled' : 'guest_card.disabled',
			subjectType: 'GuestCard',
			subjectId: cardId
		});
	});
}

export async function setZoneGuestPhone(
	actorId: string,
	operationId: string,
	zoneId: string,
	phone: string | null
) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.zone.updateMany({
			where: { id: zoneId, operationId },
			data: { guestPhone: phone }
		});
		if (!count) throw new NotFoundError('zone');
		await audit(tx, { actorId, action: 'zone.guest_phone', subjectType: 'Zone', subjectId: zoneId });
	});
}

/** Cards to print: one card, or every enabled card of a zone. */
export async function cardsToPrint(operationId: string, select: { cardId?: string; zoneId?: string }) {
	const cards = await db.guestCard.findMany({
		where: {
			operationId,
			...(select.cardId ? { id: select.cardId } : { zoneId: select.zoneId, disabledAt: null })
		},
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			code: true,
			label: true,
			operation: { select: { name: true } },
			zone: { select: { name: true, guestPhone: true } },
			post: { select: { name: true } }
		}
	});
	if (!cards.length) throw new NotFoundError('guest_card');
	return cards;
}
