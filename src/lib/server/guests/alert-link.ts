// How a guest's help request and its GUEST_HELP alert name each other, and what handling the alert
// (on the coverage board) does to the request. Kept apart from alerts.ts, which raises through the
// alert core, so that the core can call in here without an import cycle.
import type { Tx } from '../db';
import { publish } from '../live/bus';
import { guestOperationChannel, guestRequestChannel, guestZoneChannel } from './channels';

const PREFIX = 'guest-help:';

/** The alert's fold key: one alert per request, however often it is raised. */
export const guestAlertKey = (requestId: string) => `${PREFIX}${requestId}`;

/** The request behind a GUEST_HELP alert; null for any other alert. */
export function requestIdOfAlert(alert: { kind: string; foldKey: string }): string | null {
	return alert.kind === 'GUEST_HELP' && alert.foldKey.startsWith(PREFIX)
		? alert.foldKey.slice(PREFIX.length)
		: null;
}

export interface ClosedRequest {
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
): Promise<ClosedRequest | null> {
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

/** Tells every page that watches this request: the guest's, the zone's and the organizers'. */
export async function announceRequest(request: ClosedRequest) {
	await Promise.all([
		publish(guestRequestChannel(request.id)),
		publish(guestZoneChannel(request.zoneId)),
		publish(guestOperationChannel(request.operationId))
	]);
}
