// The form actions a board shares for handling alerts, doubtful check-ins and spot checks: the
// coverage board (organizers) and the team view (shift leaders) both spread these into their
// `actions`. Each goes through the form pipeline; every domain call checks the person's right over
// that very alert, check-in or patrol, so the area only decides who may call at all.
import type { Area } from '$lib/roles';
import {
	alertSchema,
	assignAlertSchema,
	flagReviewSchema,
	resolveAlertSchema,
	sendSomeoneSchema,
	spotCheckSchema
} from '$lib/schemas/coverage';
import { acknowledgeAlert, assignAlert, resolveAlert } from '../alerts/alerts';
import { db } from '../db';
import { formAction } from '../forms';
import { reviewFlag } from './flags';
import { requestSpotCheck } from './spot-checks';
import { sendToBlindSpot } from './visits';

export function handlingActions(area: Area) {
	return {
		acknowledge: formAction({
			form: 'alert',
			area,
			schema: alertSchema,
			run: async ({ user, data }) => {
				await acknowledgeAlert(user, data.id);
				return { id: data.id };
			}
		}),
		assign: formAction({
			form: 'alert',
			area,
			schema: assignAlertSchema,
			run: async ({ user, data }) => {
				await assignAlert(user, data.id, data.userId);
				return { id: data.id };
			}
		}),
		resolve: formAction({
			form: 'alert',
			area,
			schema: resolveAlertSchema,
			run: async ({ user, data }) => {
				await resolveAlert(user, data.id, data.note);
				return { id: data.id };
			}
		}),
		reviewFlag: formAction({
			form: 'flag',
			area,
			schema: flagReviewSchema,
			run: async ({ user, data }) => {
				await reviewFlag(user, data.id, data.decision, data.note);
				return { id: data.id };
			}
		}),
		// "Send someone" to a blind spot: answers whether a patroller was found (`sent`).
		send: formAction({
			form: 'send',
			area,
			schema: sendSomeoneSchema,
			run: async ({ user, data }) => {
				const sent = await sendToBlindSpot(user, data.id);
				return { id: data.id, sent: sent.sentTo !== null };
			}
		}),
		spotCheck: formAction({
			form: 'spotCheck',
			area,
			schema: spotCheckSchema,
			run: async ({ user, data }) => {
				await requestSpotCheck(user, data.patrolId, data.minutes);
				return { id: data.patrolId };
			}
		})
	};
}

/** Whom an alert can be handed to: the operation's organizers and the leaders of shifts running now. */
export function alertHandlers(operationId: string, now: Date) {
	return db.user.findMany({
		where: {
			status: 'ACTIVE',
			OR: [
				{ role: 'ORGANIZER', memberships: { some: { operationId } } },
				{ shiftsLed: { some: { operationId, startsAt: { lte: now }, endsAt: { gt: now } } } }
			]
		},
		orderBy: { name: 'asc' },
		take: 100,
		select: { id: true, name: true }
	});
}
