// Following up a broadcast that must be acknowledged. The organizer sets a follow-up time; when it
// comes, the people who have not acknowledged get the broadcast again (step 1), and as long again
// later each of their shift leaders gets the list of their team who still have not answered, with
// their phone numbers (step 2).
//
// The due step is a row (Broadcast.followUpAt), never a timer: a restarted server picks it up. A
// step is claimed by moving followUpStep on with a conditional UPDATE in the same transaction as
// its work, so with several instances each step runs exactly once, and a rolled-back step runs
// again on the next tick.
import { db as defaultDb, type Db, type Tx } from '../db';
import { audit } from '../audit';
import { resendRound } from './broadcasts';
import { wakeDeliveries } from './deliver';
import { asLocale, text } from './from-events';
import { writeNotices, type NoticeDraft } from './outbox';

const ON_SHIFT = ['ASSIGNED', 'PRESENT'] as const;
const HOUR = 3_600_000;
/** Names listed in a leader's message; the page behind it lists all. */
const NAMES_IN_MESSAGE = 12;

export const teamTopic = (broadcastId: string) => `broadcast-team:${broadcastId}`;

/**
 * Each person's shift leader in the operation at `now`: the leader of the shift they are on now,
 * else of their nearest shift (ended within 2 hours or starting within 12).
 */
export async function leadersOf(
	tx: Tx | Db,
	operationId: string,
	userIds: string[],
	now: Date
): Promise<Map<string, string>> {
	const leaders = new Map<string, string>();
	for (let i = 0; i < userIds.length; i += 500) {
		const assignments = await tx.assignment.findMany({
			where: {
				userId: { in: userIds.slice(i, i + 500) },
				status: { in: [...ON_SHIFT] },
				shift: {
					operationId,
					leaderId: { not: null },
					endsAt: { gte: new Date(now.getTime() - 2 * HOUR) },
					startsAt: { lte: new Date(now.getTime() + 12 * HOUR) }
				}
			},
			select: { userId: true, shift: { select: { leaderId: true, startsAt: true, endsAt: true } } }
		});
		const distance = (shift: { startsAt: Date; endsAt: Date }) =>
			shift.startsAt <= now && shift.endsAt > now
				? 0
				: Math.min(
						Math.abs(shift.startsAt.getTime() - now.getTime()),
						Math.abs(shift.endsAt.getTime() - now.getTime())
					);
		const best = new Map<string, { leaderId: string; distance: number }>();
		for (const { userId, shift } of assignments) {
			if (!shift.leaderId || shift.leaderId === userId) continue;
			const candidate = { leaderId: shift.leaderId, distance: distance(shift) };
			const current = best.get(userId);
			if (!current || candidate.distance < current.distance) best.set(userId, candidate);
		}
		for (const [userId, { leaderId }] of best) leaders.set(userId, leaderId);
	}
	return leaders;
}

/** Step 2: one message per leader listing their people who have not acknowledged. */
async function tellLeaders(
	tx: Tx,
	broadcast: { id: string; operationId: string; title: string },
	now: Date
): Promise<number> {
	const pending = await tx.notice.findMany({
		where: { broadcastId: broadcast.id, acknowledgedAt: null },
		select: { userId: true, user: { select: { name: true } } }
	});
	const leaders = await leadersOf(
		tx,
		broadcast.operationId,
		pending.map((notice) => notice.userId),
		now
	);
	const teams = new Map<string, string[]>();
	for (const notice of pending) {
		const leaderId = leaders.get(notice.userId);
		if (leaderId) teams.set(leaderId, [...(teams.get(leaderId) ?? []), notice.user.name]);
	}
	if (!teams.size) return 0;
	const people = await tx.user.findMany({
		where: { id: { in: [...teams.keys()] } },
		select: { id: true, locale: true }
	});
	const drafts: NoticeDraft[] = people.map((leader) => {
		const names = (teams.get(leader.id) ?? []).sort((a, b) => a.localeCompare(b));
		const locale = asLocale(leader.locale);
		const listed = names.slice(0, NAMES_IN_MESSAGE).join(', ');
		const more = names.length - NAMES_IN_MESSAGE;
		return {
			userId: leader.id,
			kind: 'broadcast.unanswered',
			title: text('notice_unanswered_title', locale, { count: names.length }),
			body: text('notice_unanswered_body', locale, {
				title: broadcast.title,
				names: more > 0 ? text('notice_unanswered_more', locale, { names: listed, count: more }) : listed
			}),
			url: `/inbox/unanswered/${broadcast.id}`,
			topic: teamTopic(broadcast.id),
			urgency: 'HIGH',
			operationId: broadcast.operationId
		};
	});
	await writeNotices(tx, drafts);
	await audit(tx, {
		operationId: broadcast.operationId,
		actorId: null,
		action: 'broadcast.leaders_told',
		subjectType: 'Broadcast',
		subjectId: broadcast.id,
		detail: { title: broadcast.title, leaders: drafts.length, people: pending.length }
	});
	return drafts.length;
}

export interface FollowUpResult {
	resent: number;
	leadersTold: number;
}

/** Runs every follow-up step that is due (the job calls this every few seconds). */
export async function runBroadcastFollowUps(now = new Date(), db: Db = defaultDb): Promise<FollowUpResult> {
	const result: FollowUpResult = { resent: 0, leadersTold: 0 };
	const due = await db.broadcast.findMany({
		where: { followUpAt: { lte: now } },
		orderBy: { followUpAt: 'asc' },
		take: 20,
		select: { id: true, operationId: true, title: true, followUpStep: true, followUpMinutes: true }
	});
	for (const broadcast of due) {
		const step = broadcast.followUpStep;
		const done = await db.$transaction(
			async (tx) => {
				// Claim: only one instance moves this step on.
				const { count } = await tx.broadcast.updateMany({
					where: { id: broadcast.id, followUpStep: step, followUpAt: { lte: now } },
					data: {
						followUpStep: step + 1,
						followUpAt:
							step === 0 && broadcast.followUpMinutes
								? new Date(now.getTime() + broadcast.followUpMinutes * 60_000)
								: null
					}
				});
				if (!count) return null;
				if (step === 0) return { resent: (await resendRound(tx, broadcast, null)).people, leaders: 0 };
				return { resent: 0, leaders: await tellLeaders(tx, broadcast, now) };
			},
			{ timeout: 120_000 }
		);
		if (!done) continue;
		result.resent += done.resent;
		result.leadersTold += done.leaders;
	}
	if (result.resent || result.leadersTold) wakeDeliveries();
	return result;
}

/**
 * What a shift leader sees behind the message: the people of the teams they lead in this
 * broadcast's operation who have not acknowledged it, with a phone number to call.
 */
export async function unansweredTeam(leaderId: string, broadcastId: string, now = new Date()) {
	const broadcast = await defaultDb.broadcast.findUnique({
		where: { id: broadcastId },
		select: { id: true, title: true, body: true, operationId: true, createdAt: true, requireAck: true }
	});
	if (!broadcast?.requireAck) return null;
	const pending = await defaultDb.notice.findMany({
		where: {
			broadcastId,
			acknowledgedAt: null,
			user: {
				assignments: {
					some: {
						status: { in: [...ON_SHIFT] },
						shift: { operationId: broadcast.operationId, leaderId }
					}
				}
			}
		},
		select: { userId: true, user: { select: { name: true, phone: true } } }
	});
	const leaders = await leadersOf(
		defaultDb,
		broadcast.operationId,
		pending.map((notice) => notice.userId),
		now
	);
	const people = pending
		.filter((notice) => leaders.get(notice.userId) === leaderId)
		.map((notice) => ({ userId: notice.userId, name: notice.user.name, phone: notice.user.phone }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const leads = await defaultDb.shift.count({ where: { operationId: broadcast.operationId, leaderId } });
	if (!leads) return null;
	return { broadcast, people };
}
