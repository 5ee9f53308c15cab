// Escalation: an SOS or an unanswered welfare check climbs a ladder of people until one of them
// answers. Each step calls on more people (a high-urgency push and the alert's inbox message, and a
// text through the SMS gateway when one is configured); the next step is due after the operation's
// wait (default 60 s) while the alert is still open.
//
//   SOS:     shift leader + nearest people on duty → zone lead → every organizer → command post
//   Welfare: (the person is asked "Are you OK?") → shift leader → zone lead → organizers → command post
//
// The state is the alert row itself (step: steps done; nextStepAt: when the next is due), never a
// timer in memory: a restarted server, or another instance, carries on where it stood. A step is
// claimed with a conditional UPDATE (step and nextStepAt unchanged) in the transaction that does
// its work, so each step runs exactly once however many instances run the job, and a step whose
// transaction fails runs again on the next tick.
import { alertBody, alertTitle } from '$lib/alerts/text';
import { smsGateway } from '../config';
import { db as defaultDb, type Db, type Tx } from '../db';
import { wakeDeliveries } from '../notify/deliver';
import { queueSms } from '../notify/sms';
import { announceAlerts, record, type AlertRow } from './alerts';
import { calledOn, isEscalating } from './called-on';
import { nearest, onDutyNow } from './duty';
import { alertSettings, type AlertSettingsValues } from './settings';

export type Stage = 'first' | 'leader' | 'zone_lead' | 'organizers' | 'command_post';

export const LADDERS: Record<'SOS' | 'WELFARE', Stage[]> = {
	SOS: ['first', 'zone_lead', 'organizers', 'command_post'],
	WELFARE: ['leader', 'zone_lead', 'organizers', 'command_post']
};

export interface StepOutcome {
	step: number;
	stage: Stage;
	userIds: string[];
	phone: string | null;
}

async function leaderOf(tx: Tx, shiftId: string | null): Promise<string[]> {
	if (!shiftId) return [];
	const shift = await tx.shift.findUnique({ where: { id: shiftId }, select: { leaderId: true } });
	return shift?.leaderId ? [shift.leaderId] : [];
}

/** The people (and phone) a stage calls on, before removing those already called. */
async function stagePeople(
	tx: Tx,
	alert: AlertRow,
	stage: Stage,
	settings: AlertSettingsValues,
	called: Set<string>,
	now: Date
): Promise<{ userIds: string[]; phone: string | null }> {
	switch (stage) {
		case 'leader':
			return { userIds: await leaderOf(tx, alert.shiftId), phone: null };
		case 'first': {
			const leader = await leaderOf(tx, alert.shiftId);
			const people = await onDutyNow(tx, alert.operationId, now);
			const exclude = new Set([...called, ...leader, ...(alert.subjectUserId ? [alert.subjectUserId] : [])]);
			const point = alert.lat != null && alert.lng != null ? { lat: alert.lat, lng: alert.lng } : null;
			const near = nearest(
				people,
				{ point, zoneId: alert.zoneId, shiftId: alert.shiftId },
				settings.nearestCount,
				exclude
			);
			return { userIds: [...leader, ...near], phone: null };
		}
		case 'zone_lead': {
			if (!alert.zoneId) return { userIds: [], phone: null };
			const zone = await tx.zone.findUnique({ where: { id: alert.zoneId }, select: { leadId: true } });
			return { userIds: zone?.leadId ? [zone.leadId] : [], phone: null };
		}
		case 'organizers': {
			const organizers = await tx.user.findMany({
				where: {
					status: 'ACTIVE',
					role: 'ORGANIZER',
					memberships: { some: { operationId: alert.operationId } }
				},
				select: { id: true }
			});
			return { userIds: organizers.map((o) => o.id), phone: null };
		}
		case 'command_post':
			return { userIds: [], phone: settings.commandPostPhone };
	}
}

/** A text message for the SMS gateway: what, who, where, with coordinates. */
async function smsText(tx: Tx, alert: AlertRow, locale: string): Promise<string> {
	const operation = await tx.operation.findUnique({
		where: { id: alert.operationId },
		select: { timezone: true }
	});
	const params = JSON.parse(alert.params) as Record<string, unknown>;
	const words = alertBody({ kind: alert.kind, params }, { locale, timezone: operation?.timezone ?? 'UTC' });
	const where =
		alert.lat != null && alert.lng != null ? ` ${alert.lat.toFixed(5)},${alert.lng.toFixed(5)}` : '';
	return `${alertTitle(alert.kind, locale)}: ${words}${where}`;
}

/**
 * Does step `step` (1-based) of the alert's ladder inside `tx`: calls on its people, records who in
 * a "notified" event (the timeline, and the inbox's recipients), queues texts. A stage with nobody
 * to call (no zone lead, no command-post number) is passed at once: nobody waits a minute for it.
 * Returns the steps done (the last one is the step the alert now stands at).
 */
export async function performSteps(
	tx: Tx,
	alert: AlertRow,
	step: number,
	now: Date,
	settings: AlertSettingsValues
): Promise<StepOutcome[]> {
	if (!isEscalating(alert.kind)) return [];
	const ladder = LADDERS[alert.kind];
	const called = new Set(await calledOn(tx, alert.id));
	const done: StepOutcome[] = [];
	for (let current = step; current <= ladder.length; current++) {
		const stage = ladder[current - 1];
		const found = await stagePeople(tx, alert, stage, settings, called, now);
		const userIds = [...new Set(found.userIds)].filter((id) => !called.has(id) && id !== alert.subjectUserId);
		const outcome: StepOutcome = { step: current, stage, userIds, phone: found.phone };
		done.push(outcome);
		for (const id of userIds) called.add(id);
		await tx.alertEvent.create({
			data: {
				alertId: alert.id,
				kind: 'notified',
				at: now,
				data: JSON.stringify({ step: current, stage, userIds, phone: found.phone })
			}
		});
		if (smsGateway()) {
			const people = userIds.length
				? await tx.user.findMany({ where: { id: { in: userIds } }, select: { phone: true, locale: true } })
				: [];
			const drafts = [];
			for (const person of people) {
				if (person.phone)
					drafts.push({
						to: person.phone,
						body: await smsText(tx, alert, person.locale),
						topic: `alert:${alert.id}`
					});
			}
			if (found.phone)
				drafts.push({ to: found.phone, body: await smsText(tx, alert, 'en'), topic: `alert:${alert.id}` });
			await queueSms(tx, drafts);
		}
		if (userIds.length || found.phone || current === ladder.length) break;
	}
	return done;
}

/**
 * Starts the ladder of a newly raised alert in its transaction: an SOS calls on its first step at
 * once; a welfare check waits for the person's "I'm OK" (`firstAfterMs`) before its first step.
 */
export async function startEscalationIn(
	tx: Tx,
	alert: AlertRow,
	now: Date,
	options: { firstAfterMs?: number } = {}
): Promise<StepOutcome[]> {
	const settings = await alertSettings(alert.operationId, tx);
	if (options.firstAfterMs !== undefined) {
		await tx.alert.update({
			where: { id: alert.id },
			data: { step: 0, nextStepAt: new Date(now.getTime() + options.firstAfterMs) }
		});
		return [];
	}
	const done = await performSteps(tx, alert, 1, now, settings);
	const reached = done.at(-1)?.step ?? 0;
	const last = isEscalating(alert.kind) ? LADDERS[alert.kind].length : 0;
	await tx.alert.update({
		where: { id: alert.id },
		data: {
			step: reached,
			nextStepAt: reached < last ? new Date(now.getTime() + settings.stepWaitSeconds * 1000) : null
		}
	});
	return done;
}

export interface AdvanceResult {
	escalated: number;
	steps: StepOutcome[];
}

/**
 * Moves every escalation whose next step is due one step on (the job calls this every few
 * seconds; tests call it with their own clock). Only alerts still OPEN climb: an answer (on my
 * way, with them, acknowledged) or a resolution stops the ladder where it stands.
 */
export async function advanceEscalations(now = new Date(), db: Db = defaultDb): Promise<AdvanceResult> {
	const result: AdvanceResult = { escalated: 0, steps: [] };
	// Answered alerts keep no due time (the index stays small).
	await db.alert.updateMany({
		where: { nextStepAt: { not: null }, status: { not: 'OPEN' } },
		data: { nextStepAt: null }
	});
	const due = await db.alert.findMany({
		where: { nextStepAt: { lte: now }, status: 'OPEN', kind: { in: ['SOS', 'WELFARE'] } },
		orderBy: { nextStepAt: 'asc' },
		take: 50
	});
	const changed: AlertRow[] = [];
	for (const alert of due) {
		const steps = await db.$transaction(async (tx) => {
			const settings = await alertSettings(alert.operationId, tx);
			const last = isEscalating(alert.kind) ? LADDERS[alert.kind].length : 0;
			const next = alert.step + 1;
			if (next > last) {
				await tx.alert.updateMany({ where: { id: alert.id, step: alert.step }, data: { nextStepAt: null } });
				return [];
			}
			// Claim the step: only the transaction that moves it on does it.
			const { count } = await tx.alert.updateMany({
				where: { id: alert.id, status: 'OPEN', step: alert.step, nextStepAt: alert.nextStepAt },
				data: { step: next }
			});
			if (!count) return [];
			const done = await performSteps(tx, alert, next, now, settings);
			const reached = done.at(-1)?.step ?? next;
			await tx.alert.update({
				where: { id: alert.id },
				data: {
					step: reached,
					nextStepAt: reached < last ? new Date(now.getTime() + settings.stepWaitSeconds * 1000) : null
				}
			});
			await record(tx, alert, 'escalated', { at: now, data: { step: reached } });
			return done;
		});
		if (!steps.length) continue;
		result.escalated++;
		result.steps.push(...steps);
		changed.push(alert);
	}
	if (changed.length) {
		await announceAlerts(changed);
		wakeDeliveries();
	}
	return result;
}
