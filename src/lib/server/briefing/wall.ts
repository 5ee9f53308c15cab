// Read-only links for a wall display of the command view. The link carries a random token; only
// its SHA-256 is stored, so a leaked database opens no wall. A revoked link is refused at once
// (the next load, and open displays are told to reload).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { check, hit } from '../guests/limits';
import { addressKey } from '../guests/secrets';
import { publish } from '../live/bus';
import { commandChannel } from './command';

const SEEN_EVERY_MS = 60_000;
/** Enough links for every screen of a command post; a list nobody needs to page through. */
const MAX_ACTIVE_LINKS = 50;

const hashOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function createWallLink(actorId: string, input: { operationId: string; label: string }) {
	const label = input.label?.trim() ?? '';
	if (label.length < 1 || label.length > 60) throw new DomainError('wall_label_invalid', { field: 'label' });
	const active = await db.wallLink.count({ where: { operationId: input.operationId, revokedAt: null } });
	if (active >= MAX_ACTIVE_LINKS) throw new DomainError('wall_too_many', { status: 409 });
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	const token = encodeBase64urlNoPadding(bytes);
	const link = await db.$transaction(async (tx) => {
		const created = await tx.wallLink.create({
			data: { operationId: input.operationId, tokenHash: hashOf(token), label, createdById: actorId }
		});
		await audit(tx, {
			operationId: input.operationId,
			actorId,
			action: 'wall.created',
			subjectType: 'WallLink',
			subjectId: created.id,
			detail: { label }
		});
		return created;
	});
	return { id: link.id, token };
}

export function listWallLinks(operationId: string) {
	return db.wallLink.findMany({
		where: { operationId },
		orderBy: [{ revokedAt: 'asc' }, { createdAt: 'desc' }],
		take: 100,
		select: {
			id: true,
			label: true,
			createdAt: true,
			revokedAt: true,
			lastSeenAt: true,
			createdBy: { select: { name: true } }
		}
	});
}

export async function revokeWallLink(actorId: string, input: { operationId: string; id: string }) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.wallLink.updateMany({
			where: { id: String(input.id), operationId: input.operationId, revokedAt: null },
			data: { revokedAt: new Date() }
		});
		if (!count) throw new NotFoundError('wall_link');
		await audit(tx, {
			operationId: input.operationId,
			actorId,
			action: 'wall.revoked',
			subjectType: 'WallLink',
			subjectId: input.id
		});
	});
	try {
		await publish(commandChannel(input.operationId), { revoked: input.id });
	} catch (error) {
		console.error('[wall] live notice failed', error);
	}
}

/**
 * The operation a wall token opens, or null for an unknown or revoked token. Misses count against
 * `address` with the guest pages' misses (guests/limits.ts): whoever guesses at one kind of public
 * link guesses at the others, and past the limit the address gets a 429 for a while.
 */
export async function wallByToken(token: string, address: string, now = new Date()) {
	const subject = addressKey(address);
	await check('missesPerAddress', subject, now);
	const link =
		typeof token === 'string' && token.length >= 20 && token.length <= 100
			? await db.wallLink.findUnique({
					where: { tokenHash: hashOf(token) },
					select: {
						id: true,
						revokedAt: true,
						lastSeenAt: true,
						operation: { select: { id: true, name: true, timezone: true } }
					}
				})
			: null;
	if (!link || link.revokedAt) {
		await hit('missesPerAddress', subject, now);
		return null;
	}
	if (!link.lastSeenAt || now.getTime() - link.lastSeenAt.getTime() > SEEN_EVERY_MS) {
		await db.wallLink.update({ where: { id: link.id }, data: { lastSeenAt: now } });
	}
	return { linkId: link.id, operation: link.operation };
}
