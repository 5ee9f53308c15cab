// Writing messages: the inbox rows and, in the same transaction, one push delivery per device of
// each recipient. Whatever commits here is delivered by the worker (deliver.ts), even after a crash.
import { randomUUID } from 'node:crypto';
import type { Urgency } from '$lib/schemas/notify';
import type { Tx } from '../db';

export interface NoticeDraft {
	userId: string;
	kind: string;
	title: string;
	body: string;
	url?: string | null;
	topic?: string | null;
	urgency?: Urgency;
	requireAck?: boolean;
	operationId?: string | null;
	broadcastId?: string | null;
	/** Set by the event consumer so that notices of one batch keep the order of their events. */
	createdAt?: Date;
	/**
	 * Rewrite the person's notice of the same topic in place instead of adding one (an alert's
	 * one notice, as the alert moves on). Created when the person has none yet.
	 */
	replace?: boolean;
	/** Queue a push to the person's devices (default true). */
	push?: boolean;
}

/** Rows per INSERT: well under both SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Queues a push of each notice to every current device of its person, for `round`. */
export async function queuePushes(tx: Tx, notices: { id: string; userId: string }[], round = 0) {
	let queued = 0;
	for (const part of chunks(notices)) {
		const byUser = new Map<string, string[]>();
		for (const notice of part) byUser.set(notice.userId, [...(byUser.get(notice.userId) ?? []), notice.id]);
		const devices = await tx.pushSubscription.findMany({
			where: { userId: { in: [...byUser.keys()] } },
			select: { id: true, userId: true }
		});
		const rows = devices.flatMap((device) =>
			(byUser.get(device.userId) ?? []).map((noticeId) => ({
				id: randomUUID(),
				noticeId,
				subscriptionId: device.id,
				round
			}))
		);
		for (const batch of chunks(rows)) {
			queued += (await tx.pushDelivery.createMany({ data: batch })).count;
		}
	}
	return queued;
}

/** Writes the notices and queues their pushes. Returns the notices' ids, in order. */
export async function writeNotices(tx: Tx, drafts: NoticeDraft[]) {
	const ids: string[] = new Array(drafts.length);
	const toPush: { id: string; userId: string }[] = [];
	const repushed: { id: string; userId: string }[] = [];

	const replacing = drafts
		.map((draft, i) => [draft, i] as const)
		.filter(([draft]) => draft.replace && draft.topic);
	const existing = new Map<string, string>();
	for (const part of chunks(replacing)) {
		const rows = await tx.notice.findMany({
			where: {
				topic: { in: [...new Set(part.map(([draft]) => draft.topic!))] },
				userId: { in: [...new Set(part.map(([draft]) => draft.userId))] }
			},
			orderBy: { createdAt: 'asc' },
			select: { id: true, userId: true, topic: true }
		});
		for (const row of rows) existing.set(`${row.userId} ${row.topic}`, row.id);
	}

	const fresh: (ReturnType<typeof rowOf> & { push: boolean })[] = [];
	for (const [i, draft] of drafts.entries()) {
		const id = draft.replace ? existing.get(`${draft.userId} ${draft.topic}`) : undefined;
		const push = draft.push ?? true;
		if (!id) {
			const row = rowOf(draft);
			fresh.push({ ...row, push });
			ids[i] = row.id;
			continue;
		}
		ids[i] = id;
		await tx.notice.update({
			where: { id },
			data: {
				kind: draft.kind,
				title: draft.title,
				body: draft.body,
				url: draft.url ?? null,
				urgency: draft.urgency ?? 'NORMAL',
				// Pushed again: it comes back to the top of the inbox, unread.
				...(push ? { createdAt: new Date(), readAt: null } : {})
			}
		});
		if (push) repushed.push({ id, userId: draft.userId });
	}
	for (const batch of chunks(fresh)) {
		await tx.notice.createMany({ data: batch.map(({ push: _push, ...row }) => row) });
	}
	toPush.push(...fresh.filter((row) => row.push));
	let pushes = await queuePushes(tx, toPush);
	if (repushed.length) {
		// Each push of a notice is a round of its own (one delivery per notice, device and round).
		const last = await tx.pushDelivery.aggregate({
			where: { noticeId: { in: repushed.map((n) => n.id) } },
			_max: { round: true }
		});
		pushes += await queuePushes(tx, repushed, (last._max.round ?? 0) + 1);
	}
	return { ids, pushes };
}

function rowOf(draft: NoticeDraft) {
	return {
		id: randomUUID(),
		userId: draft.userId,
		kind: draft.kind,
		title: draft.title,
		body: draft.body,
		url: draft.url ?? null,
		topic: draft.topic ?? null,
		urgency: draft.urgency ?? 'NORMAL',
		requireAck: draft.requireAck ?? false,
		operationId: draft.operationId ?? null,
		broadcastId: draft.broadcastId ?? null,
		...(draft.createdAt ? { createdAt: draft.createdAt } : {})
	};
}
