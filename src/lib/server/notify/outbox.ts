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

/** Writes the notices and queues their pushes. Returns the new notices' ids, in order. */
export async function writeNotices(tx: Tx, drafts: NoticeDraft[]) {
	const rows = drafts.map((draft) => ({
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
		broadcastId: draft.broadcastId ?? null
	}));
	for (const batch of chunks(rows)) await tx.notice.createMany({ data: batch });
	const pushes = await queuePushes(tx, rows);
	return { ids: rows.map((row) => row.id), pushes };
}
