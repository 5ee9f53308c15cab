// What an alert's change means for people's inboxes: each recipient has ONE notice per alert
// (topic "alert:<id>"), rewritten in place as the alert moves on. Only changes that need someone
// to look again push to their phone (raised, reopened, escalated, assigned to them); folds,
// acknowledgements and resolutions update the text quietly, so a patrol that goes quiet five
// times is one line in the inbox, not five pushes.
import { alertBody, alertRepeats, alertStatus, alertTitle } from '$lib/alerts/text';
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import type { Role, Tx } from '../db';
import type { EventPayloads } from '../events';
import { requestIdOfAlert } from '../guests/alert-link';
import { helpRecipients } from '../guests/duty';
import { RESPOND_KIND } from '../notify/deliver';
import type { NoticeDraft } from '../notify/outbox';
import { calledOn, isEscalating } from './called-on';

const ORGANIZERS: Role[] = ['ORGANIZER', 'ADMIN'];

type Message = (inputs?: Record<string, unknown>, options?: { locale: Locale }) => string;
const textOf = (key: string, locale: string, inputs: Record<string, unknown>) =>
	(m as unknown as Record<string, Message>)[key](inputs, {
		locale: (locales as readonly string[]).includes(locale) ? (locale as Locale) : 'en'
	});
/** Changes that call for someone to look again: pushed to every recipient. */
const PUSHED = new Set(['raised', 'reopened', 'escalated']);

export const alertTopic = (alertId: string) => `alert:${alertId}`;

type AlertForNotice = NonNullable<Awaited<ReturnType<typeof load>>>;

const load = (tx: Tx, alertId: string) =>
	tx.alert.findUnique({
		where: { id: alertId },
		include: { operation: { select: { timezone: true } } }
	});

/**
 * A guest's help request already reached the zone's people on duty and its lead (or, with nobody
 * there, the organizers) through its own notice (notify/from-events.ts), which links to the
 * request. Its alert adds only who that left out: the organizers when it is urgent (medical,
 * unsafe), and whoever the alert was handed to on the board (not the volunteer who took the
 * request themselves). So nobody gets two messages about one request.
 */
async function guestHelpRecipients(tx: Tx, alert: AlertForNotice) {
	const requestId = requestIdOfAlert(alert);
	const request = requestId
		? await tx.guestHelpRequest.findUnique({ where: { id: requestId }, select: { takenById: true } })
		: null;
	const assignee = alert.assignedToId !== request?.takenById ? alert.assignedToId : null;
	const urgent = alert.priority !== 'NORMAL';
	if (!assignee && !urgent) return [];
	const told = new Set(
		alert.zoneId ? (await helpRecipients(tx, alert.zoneId, alert.operationId)).map((p) => p.id) : []
	);
	const people = await tx.user.findMany({
		where: {
			status: 'ACTIVE',
			OR: [
				...(assignee ? [{ id: assignee }] : []),
				...(urgent
					? [{ role: { in: ORGANIZERS }, memberships: { some: { operationId: alert.operationId } } }]
					: [])
			]
		},
		select: { id: true, locale: true, role: true }
	});
	return people
		.filter((person) => person.id === assignee || !told.has(person.id))
		.map((person) => ({ ...person, leader: false }));
}

/**
 * Who hears about an alert: the leader of its shift and the lead of its zone always; the
 * operation's organizers for high and critical alerts (lesser ones wait on the board, so the
 * organizers' inboxes carry what needs them); whoever it is assigned to.
 */
export async function alertRecipients(tx: Tx, alert: AlertForNotice) {
	if (alert.kind === 'GUEST_HELP') return guestHelpRecipients(tx, alert);
	// An SOS or a welfare check reaches whom its escalation has called on so far (escalation.ts).
	if (isEscalating(alert.kind)) {
		const ids = await calledOn(tx, alert.id);
		const people = await tx.user.findMany({
			where: { status: 'ACTIVE', id: { in: ids.filter((id) => id !== alert.subjectUserId) } },
			select: { id: true, locale: true, role: true }
		});
		return people.map((person) => ({ ...person, leader: false }));
	}
	const shift = alert.shiftId
		? await tx.shift.findUnique({ where: { id: alert.shiftId }, select: { leaderId: true } })
		: null;
	const zone = alert.zoneId
		? await tx.zone.findUnique({ where: { id: alert.zoneId }, select: { leadId: true } })
		: null;
	const ids = [shift?.leaderId, zone?.leadId, alert.assignedToId].filter((id): id is string => !!id);
	const people = await tx.user.findMany({
		where: {
			status: 'ACTIVE',
			id: { not: alert.subjectUserId ?? undefined },
			OR: [
				{ id: { in: ids } },
				...(alert.priority === 'NORMAL'
					? []
					: [{ role: { in: ORGANIZERS }, memberships: { some: { operationId: alert.operationId } } }])
			]
		},
		select: { id: true, locale: true, role: true }
	});
	return people.map((person) => ({
		...person,
		leader: person.id === shift?.leaderId || person.id === zone?.leadId
	}));
}

/** The notices an "alert.changed" event rewrites (one per recipient, replaced in place). */
export async function alertNotices(tx: Tx, p: EventPayloads['alert.changed']): Promise<NoticeDraft[]> {
	const alert = await load(tx, p.alertId);
	if (!alert) return [];
	const params = JSON.parse(alert.params) as Record<string, unknown>;
	const recipients = await alertRecipients(tx, alert);
	const closed = alert.status === 'RESOLVED' || alert.status === 'CANCELLED';
	return recipients.map((person) => {
		const options = { locale: person.locale, timezone: alert.operation.timezone };
		const title = alertTitle(alert.kind, person.locale);
		let body = alertBody({ kind: alert.kind, params, count: alert.count }, options);
		const repeats = alertRepeats(alert.count, person.locale);
		if (repeats) body = `${body} (${repeats})`;
		if (p.change === 'cleared') body = textOf('alert_notice_cleared', person.locale, { body });
		const assignedHere = p.change === 'assigned' && p.toUserId === person.id;
		if (assignedHere) body = textOf('alert_notice_assigned', person.locale, { body });
		const escalating = isEscalating(alert.kind);
		return {
			userId: person.id,
			// Still open: the push carries "I'm on my way" (notify/deliver.ts).
			kind: escalating && !closed ? RESPOND_KIND : 'alert',
			title: closed
				? textOf('alert_notice_closed_title', person.locale, {
						status: alertStatus(alert.status, person.locale),
						title
					})
				: title,
			body,
			url:
				escalating || (alert.kind === 'GUEST_HELP' && !ORGANIZERS.includes(person.role))
					? `/alerts/${alert.id}`
					: ORGANIZERS.includes(person.role) && !person.leader
						? `/organizer/patrols#alert-${alert.id}`
						: '/patrol/team',
			topic: alertTopic(alert.id),
			urgency: alert.priority === 'NORMAL' ? 'NORMAL' : 'HIGH',
			operationId: alert.operationId,
			replace: true,
			push: !closed && (PUSHED.has(p.change) || assignedHere)
		};
	});
}
