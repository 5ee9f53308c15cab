// Every person's messages. The inbox holds everything that was ever pushed (and what could not
// be), so someone without push, or who refused it, still gets it when the app is open.
import { db } from '../db';
import { NotFoundError } from '../errors';

const listFields = {
	id: true,
	kind: true,
	title: true,
	body: true,
	url: true,
	urgency: true,
	requireAck: true,
	broadcastId: true,
	createdAt: true,
	readAt: true,
	acknowledgedAt: true
} as const;

/** Newest first; `before` is the id of the last message of the previous page. */
export async function listInbox(userId: string, options: { take?: number; before?: string } = {}) {
	const take = Math.min(Math.max(options.take ?? 30, 1), 100);
	return db.notice.findMany({
		where: { userId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take,
		...(options.before ? { cursor: { id: options.before }, skip: 1 } : {}),
		select: listFields
	});
}

export async function unreadCount(userId: string): Promise<number> {
	return db.notice.count({ where: { userId, readAt: null } });
}

/** A person's own message, or not found (someone else's message is never revealed). */
export async function getNotice(userId: string, id: string) {
	const notice = await db.notice.findFirst({ where: { id, userId }, select: listFields });
	if (!notice) throw new NotFoundError('notice');
	return notice;
}

export async function markRead(userId: string, id: string): Promise<void> {
	const { count } = await db.notice.updateMany({
		where: { id, userId, readAt: null },
		data: { readAt: new Date() }
	});
	if (!count) await getNotice(userId, id);
}

export async function markAllRead(userId: string): Promise<number> {
	const { count } = await db.notice.updateMany({
		where: { userId, readAt: null },
		data: { readAt: new Date() }
	});
	return count;
}

/**
 * Records that the person acknowledged the message. Idempotent: the first time is kept (from the
 * notification's action or the in-app button, whichever came first); it also marks it read.
 */
export async function acknowledge(userId: string, noticeId: string) {
	const now = new Date();
	const { count } = await db.notice.updateMany({
		where: { id: noticeId, userId, acknowledgedAt: null },
		data: { acknowledgedAt: now }
	});
	await db.notice.updateMany({ where: { id: noticeId, userId, readAt: null }, data: { readAt: now } });
	const notice = await getNotice(userId, noticeId);
	return { acknowledgedAt: notice.acknowledgedAt as Date, first: count > 0 };
}
