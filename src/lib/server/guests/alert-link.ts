// How a guest's help request and its GUEST_HELP alert name each other, and what handling the alert
// (on the coverage board) does to the request. Kept apart from alerts.ts, which raises through the
// alert core, so that the core can call in here without an import cycle.
import type { Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { publish } from '../live/bus';
import { guestOperationChannel, guestRequestChannel, guestZoneChannel } from './channels';
import { mayActInZone, type Actor } from './duty';

const PREFIX = 'guest-help:';

/** The alert's fold key: one alert per request, however often it is raised. */
export const guestAlertKey = (requestId: string) => `${PREFIX}${requestId}`;

/** The request behind a GUEST_HELP alert; null for any other alert. */
export function requestIdOfAlert(alert: { kind: string; foldKey: string }): string | null {
	return alert.kind === 'GUEST_HELP' && alert.foldKey.startsWith(PREFIX)
		? alert.foldKey.slice(PREFIX.length)
		: null;
}

export interface LinkedRequest {
	id: string;
	zoneId: string;
	operationId: string;
}

/**
 * The alert was resolved or cancelled by a person who may handle it (an organizer, the zone's lead,
 * whoever it was assigned to): the guest's request closes with it, in the same transaction.
 * Returns the request when this closed it (for `announceRequest` after the commit), else null.
 * Call it before changing the alert: the guest side changes the request first and the alert
 * second, and the same order here keeps two such transactions from deadlocking on PostgreSQL.
 */
export async function closeRequestOfAlert(
	tx: Tx,
	alert: { kind: string; foldKey: string },
	at: Date
): Promise<LinkedRequest | null> {
	const requestId = requestIdOfAlert(alert);
	if (!requestId) return null;
	const { count } = await tx.guestHelpRequest.updateMany({
		where: { id: requestId, status: { not: 'CLOSED' } },
		data: { status: 'CLOSED', closedAt: at }
	});
	if (!count) return null;
	return tx.guestHelpRequest.findUnique({
		where: { id: requestId },
		select: { id: true, zoneId: true, operationId: true }
	});
}

/**
 * "I'm coming", in the caller's transaction: a volunteer's tap on the request (help.ts) and taking
 * its alert on from the board (the alert core) both take it here, for `actor` only when they may
 * act in its zone (a 404 otherwise: ids cannot be probed). The first to take it gets it; taking it
 * again is harmless. Returns the request when this took it (the caller moves its alert on), null
 * when `actor` already had it; a 409 when it is closed, expired or someone else's.
 */
export async function takeRequestIn(
	tx: Tx,
	actor: Actor,
	operationId: string,
	requestId: string,
	now: Date
): Promise<LinkedRequest | null> {
	const request = await tx.guestHelpRequest.findFirst({
		where: { id: requestId, operationId },
		select: { id: true, zoneId: true, operationId: true, status: true, expired: true, expiresAt: true }
	});
	if (!request || !(await mayActInZone(actor, operationId, request.zoneId, now, tx))) {
		throw new NotFoundError('guest_request');
	}
	const closed = new DomainError('guest_request_closed', { status: 409 });
	if (request.status === 'CLOSED' || request.expired || request.expiresAt <= now) throw closed;
	const { count } = await tx.guestHelpRequest.updateMany({
		where: { id: requestId, status: 'OPEN', expiresAt: { gt: now } },
		data: { status: 'TAKEN', takenById: actor.id, takenAt: now }
	});
	if (count) return { id: request.id, zoneId: request.zoneId, operationId: request.operationId };
	const current = await tx.guestHelpRequest.findUniqueOrThrow({
		where: { id: requestId },
		select: { status: true, takenById: true, takenBy: { select: { name: true } } }
	});
	if (current.takenById === actor.id) return null;
	// Closed meanwhile (its alert resolved on the board, or its time up), not taken by another.
	if (current.status !== 'TAKEN') throw closed;
	throw new DomainError('guest_request_taken', {
		status: 409,
		params: { name: current.takenBy?.name ?? '' }
	});
}

/**
 * Taking an open GUEST_HELP alert on is its request's "I'm coming" by the same person, so that the
 * guest sees someone is coming: takeRequestIn, called before the alert changes (the order the guest
 * side keeps). Null for any other alert, or when `actor` had the request already.
 */
export async function takeRequestOfAlert(
	tx: Tx,
	alert: { kind: string; foldKey: string; operationId: string },
	actor: Actor,
	at: Date
): Promise<LinkedRequest | null> {
	const requestId = requestIdOfAlert(alert);
	return requestId ? takeRequestIn(tx, actor, alert.operationId, requestId, at) : null;
}

/** Tells every page that watches this request: the guest's, the zone's and the organizers'. */
export async function announceRequest(request: LinkedRequest) {
	await Promise.all([
		publish(guestRequestChannel(request.id)),
		publish(guestZoneChannel(request.zoneId)),
		publish(guestOperationChannel(request.operationId))
	]);
}
