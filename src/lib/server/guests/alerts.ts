// The one hand-off from guest help to the rest of the app: every change of a help request that
// people must act on passes through `handOff`, in the change's own transaction.
//
// - Raised: an outbox event that notify/from-events.ts turns into a push and an inbox message for
//   the zone's people on duty, and a GUEST_HELP alert on the alert core, so that the request shows
//   on the organizers' coverage board and command view with the other alerts. The alert's own
//   notices (alerts/notices.ts) reach only organizers the guest notice did not, so that nobody is
//   told twice about one request.
// - Taken ("I'm coming"): the alert is assigned to that volunteer, acknowledged by them.
// - Closed: by a volunteer (or an organizer), the alert is resolved by them; by the guest or by
//   time, the system clears it.
// The other way round, taking the alert on from the board takes the request for that person, and
// resolving or cancelling it closes the request (alert-link.ts, called by the alert core).
import type { GuestHelpKind } from '$lib/guests/kinds';
import type { AlertPriority, Tx } from '../db';
import { emit } from '../events';
import { clearAlertsIn, raiseAlertIn, resolveAlertsIn, takeAlertIn } from '../alerts/alerts';
import { guestAlertKey } from './alert-link';

/** Someone may be hurt or in danger: these go above the patrol watch's ordinary alerts. */
const URGENT_KINDS: readonly GuestHelpKind[] = ['MEDICAL', 'UNSAFE'];

export const guestAlertPriority = (kind: GuestHelpKind): AlertPriority =>
	URGENT_KINDS.includes(kind) ? 'HIGH' : 'NORMAL';

export type GuestHelpChange =
	| {
			change: 'raised';
			request: {
				id: string;
				operationId: string;
				zoneId: string;
				kind: GuestHelpKind;
				/** The zone's name, and the nearest post's (or the card's) when there is one. */
				zone: string;
				post: string | null;
				lat?: number | null;
				lng?: number | null;
				accuracy?: number | null;
				at: Date;
			};
	  }
	| { change: 'taken'; requestId: string; byId: string; at: Date }
	| { change: 'closed'; requestId: string; byId: string | null; expired?: boolean; at: Date };

export async function handOff(tx: Tx, event: GuestHelpChange): Promise<void> {
	if (event.change === 'raised') {
		const { id, operationId, zoneId, kind } = event.request;
		await emit(tx, 'guest.help_requested', { requestId: id, operationId, zoneId, kind });
		await raiseAlertIn(tx, {
			operationId,
			kind: 'GUEST_HELP',
			priority: guestAlertPriority(kind),
			foldKey: guestAlertKey(id),
			zoneId,
			lat: event.request.lat,
			lng: event.request.lng,
			accuracy: event.request.accuracy,
			at: event.request.at,
			// What the text needs ($lib/alerts/text.ts); `request` lets a page link to the request.
			params: {
				help: kind,
				place: event.request.post ?? event.request.zone,
				...(event.request.post ? { zone: event.request.zone } : {}),
				request: id
			}
		});
	} else if (event.change === 'taken') {
		await takeAlertIn(tx, guestAlertKey(event.requestId), event.byId, event.at);
	} else if (event.byId) {
		await resolveAlertsIn(tx, guestAlertKey(event.requestId), event.byId, null, event.at);
	} else {
		const reason = event.expired ? 'expired' : 'closed_by_guest';
		await clearAlertsIn(tx, { foldKey: guestAlertKey(event.requestId) }, reason, event.at);
	}
}
