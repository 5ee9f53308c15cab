// Welfare checks: a patrol with no check-in and no sign of life from the app for a while (the
// operation's setting, default 30 minutes) is asked "Are you OK?", with a one-tap "I'm OK". No
// answer within the grace period (default 5 minutes) and the check escalates like an SOS at a
// lower priority, starting with the shift leader (escalation.ts).
//
// One active check per patrol (the alert core's openKey): the job can run in several instances.
// A check is over when the person answers, or shows any sign of life (a check-in, the app open).
import { formatTime } from '$lib/time';
import { db as defaultDb, isUniqueViolation, type Db, type Role } from '../db';
import { NotFoundError } from '../errors';
import { wakeDeliveries } from '../notify/deliver';
import { asLocale, text } from '../notify/from-events';
import { writeNotices } from '../notify/outbox';
import { shiftName } from '$lib/shifts/name';
import {
	ACTIVE_STATUSES,
	announceAlerts,
	clearAlertsIn,
	raiseAlertIn,
	record,
	type AlertRow
} from './alerts';
import { startEscalationIn } from './escalation';
import { touchPresence } from './presence';
import { alertSettings } from './settings';

export const welfareKey = (patrolId: string) => `welfare:${patrolId}`;
export const welfareTopic = (alertId: string) => `welfare:${alertId}`;

export interface WelfareRun {
	asked: number;
	cleared: number;
}

/** Asks every quiet patrol "Are you OK?" and closes checks of people active again. */
export async function checkWelfare(now = new Date(), db: Db = defaultDb): Promise<WelfareRun> {
	const run: WelfareRun = { asked: 0, cleared: 0 };
	const patrols = await db.patrol.findMany({
		where: { endedAt: null, startedAt: { lte: now } },
		select: {
			id: true,
			userId: true,
			operationId: true,
			shiftId: true,
			assignmentId: true,
			startedAt: true,
			lastCheckInAt: true,
			lastCheckpointId: true,
			assignment: {
				select: {
					shift: {
						select: {
							endsAt: true,
							title: true,
							route: { select: { name: true, zoneId: true } },
							post: { select: { name: true, zoneId: true } }
						}
					}
				}
			}
		}
	});
	if (!patrols.length) return run;
	const presence = new Map(
		(
			await db.presence.findMany({
				where: { userId: { in: patrols.map((p) => p.userId) } },
				select: { userId: true, seenAt: true }
			})
		).map((p) => [p.userId, p.seenAt])
	);
	const settings = new Map<string, Awaited<ReturnType<typeof alertSettings>>>();
	const changed: AlertRow[] = [];
	for (const patrol of patrols) {
		if (patrol.assignment.shift.endsAt <= now) continue;
		const seen = presence.get(patrol.userId);
		const last = new Date(
			Math.max(patrol.startedAt.getTime(), patrol.lastCheckInAt?.getTime() ?? 0, seen?.getTime() ?? 0)
		);
		const active = await db.alert.findUnique({ where: { openKey: welfareKey(patrol.id) } });
		// Alive again since the question: the check is over.
		if (active && last > active.raisedAt) {
			const cleared = await db.$transaction((tx) =>
				clearAlertsIn(tx, { foldKey: welfareKey(patrol.id) }, 'active again', now)
			);
			run.cleared += cleared.length;
			changed.push(active);
			continue;
		}
		if (active) continue;
		if (!settings.has(patrol.operationId))
			settings.set(patrol.operationId, await alertSettings(patrol.operationId, db));
		const { welfareMinutes, welfareGraceMinutes } = settings.get(patrol.operationId)!;
		if (now.getTime() - last.getTime() < welfareMinutes * 60_000) continue;
		const shift = patrol.assignment.shift;
		try {
			const alert = await db.$transaction(async (tx) => {
				const person = await tx.user.findUniqueOrThrow({
					where: { id: patrol.userId },
					select: { name: true, phone: true, locale: true }
				});
				const operation = await tx.operation.findUniqueOrThrow({
					where: { id: patrol.operationId },
					select: { timezone: true }
				});
				const { alert } = await raiseAlertIn(tx, {
					operationId: patrol.operationId,
					kind: 'WELFARE',
					priority: 'HIGH',
					foldKey: welfareKey(patrol.id),
					subjectUserId: patrol.userId,
					patrolId: patrol.id,
					assignmentId: patrol.assignmentId,
					shiftId: patrol.shiftId,
					zoneId: shift.route?.zoneId ?? shift.post?.zoneId ?? null,
					checkpointId: patrol.lastCheckpointId,
					at: now,
					params: {
						person: person.name,
						place: shiftName(shift),
						since: last.toISOString(),
						phone: person.phone
					}
				});
				await startEscalationIn(tx, alert, now, { firstAfterMs: welfareGraceMinutes * 60_000 });
				const locale = asLocale(person.locale);
				await writeNotices(tx, [
					{
						userId: patrol.userId,
						kind: 'welfare.ask',
						title: text('welfare_ask_title', locale),
						body: text('welfare_ask_body', locale, {
							since: formatTime(last, operation.timezone, locale),
							minutes: welfareGraceMinutes
						}),
						url: `/welfare/${alert.id}`,
						topic: welfareTopic(alert.id),
						urgency: 'HIGH',
						operationId: patrol.operationId
					}
				]);
				return alert;
			});
			run.asked++;
			changed.push(alert);
		} catch (error) {
			// Another instance asked at the same moment.
			if (!isUniqueViolation(error)) throw error;
		}
	}
	if (changed.length) {
		await announceAlerts(changed);
		wakeDeliveries();
	}
	return run;
}

/** "I'm OK": the person's own answer, in one tap. Idempotent; stops the escalation where it stands. */
export async function answerImOk(actor: { id: string; role: Role }, alertId: string, at = new Date()) {
	const alert = await defaultDb.alert.findUnique({ where: { id: alertId } });
	if (!alert || alert.kind !== 'WELFARE' || alert.subjectUserId !== actor.id)
		throw new NotFoundError('alert');
	if (!ACTIVE_STATUSES.includes(alert.status)) return { alert, changed: false };
	const changed = await defaultDb.$transaction(async (tx) => {
		const { count } = await tx.alert.updateMany({
			where: { id: alertId, status: { in: ACTIVE_STATUSES } },
			data: {
				status: 'RESOLVED',
				openKey: null,
				resolvedById: actor.id,
				resolvedAt: at,
				resolutionNote: 'OK',
				nextStepAt: null
			}
		});
		if (count) await record(tx, alert, 'im_ok', { at, actorId: actor.id });
		await touchPresence(actor.id, {}, at, tx);
		// The question itself leaves the person's inbox unread no more.
		await tx.notice.updateMany({
			where: { userId: actor.id, topic: welfareTopic(alertId) },
			data: { readAt: at }
		});
		return count > 0;
	});
	if (changed) {
		await announceAlerts([alert]);
		wakeDeliveries();
	}
	return { alert: await defaultDb.alert.findUniqueOrThrow({ where: { id: alertId } }), changed };
}

/** The question as the person sees it (their own check only). */
export async function myWelfareCheck(userId: string, alertId: string) {
	const alert = await defaultDb.alert.findUnique({ where: { id: alertId } });
	if (!alert || alert.kind !== 'WELFARE' || alert.subjectUserId !== userId) throw new NotFoundError('alert');
	return { id: alert.id, status: alert.status, raisedAt: alert.raisedAt, step: alert.step };
}
