// Text messages through an HTTP SMS gateway, for escalations that must reach a phone even without
// the app (the command post's number, a leader whose push is off). Off by default (config.ts).
//
// The same outbox pattern as pushes (deliver.ts): queueSms writes rows in the caller's transaction;
// sendDueSms leases due rows with one UPDATE ... RETURNING (15 s), posts each one and writes its
// answer at once. The row id goes to the gateway as `reference`, so a gateway that deduplicates can
// drop the copy a crash in mid-request might cause.
import { randomUUID } from 'node:crypto';
import { smsGateway } from '../config';
import { db as defaultDb, dbTarget, type Db, type Tx } from '../db';
import { Prisma } from '../db/generated/sqlite/client';
import { backoffMs } from './deliver';

const LEASE_MS = 15_000;
const MAX_ATTEMPTS = 8;
/** Longer texts are cut: a few SMS segments at most. */
export const MAX_SMS_CHARS = 480;

export interface SmsDraft {
	to: string;
	body: string;
	topic?: string;
}

/** Phone numbers as dialled: digits with an optional leading +, nothing else. */
export function dialable(phone: string | null | undefined): string | null {
	const cleaned = (phone ?? '').replace(/[\s().-]/g, '');
	return /^\+?\d{3,20}$/.test(cleaned) ? cleaned : null;
}

/** Queues texts when the gateway is configured; returns how many. */
export async function queueSms(tx: Tx | Db, drafts: SmsDraft[]): Promise<number> {
	if (!smsGateway()) return 0;
	const rows = drafts
		.map((draft) => ({ ...draft, to: dialable(draft.to) }))
		.filter((draft): draft is SmsDraft => draft.to !== null)
		.map((draft) => ({
			id: randomUUID(),
			to: draft.to,
			body: draft.body.length > MAX_SMS_CHARS ? `${draft.body.slice(0, MAX_SMS_CHARS - 1)}…` : draft.body,
			topic: draft.topic ?? null
		}));
	if (!rows.length) return 0;
	return (await tx.smsMessage.createMany({ data: rows })).count;
}

export interface SmsRunResult {
	sent: number;
	retried: number;
	failed: number;
}

/** Sends every text that is due (the job calls this every few seconds). */
export async function sendDueSms(
	options: { db?: Db; now?: Date; workerId?: string; timeoutMs?: number } = {}
): Promise<SmsRunResult> {
	const result: SmsRunResult = { sent: 0, retried: 0, failed: 0 };
	const gateway = smsGateway();
	if (!gateway) return result;
	const db = options.db ?? defaultDb;
	const now = options.now ?? new Date();
	const workerId = options.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
	const lock = dbTarget.provider === 'postgresql' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
	const claimed = await db.$queryRaw<{ id: string }[]>`
		UPDATE "SmsMessage" SET "status" = 'SENDING', "claimedBy" = ${workerId},
			"claimedUntil" = ${new Date(now.getTime() + LEASE_MS)}, "attempts" = "attempts" + 1
		WHERE "id" IN (
			SELECT "id" FROM "SmsMessage"
			WHERE ("status" = 'QUEUED' AND "nextAttemptAt" <= ${now})
				OR ("status" = 'SENDING' AND "claimedUntil" < ${now})
			ORDER BY "nextAttemptAt" LIMIT 50
			${lock})
		RETURNING "id"`;
	if (!claimed.length) return result;
	const messages = await db.smsMessage.findMany({ where: { id: { in: claimed.map((row) => row.id) } } });
	for (const message of messages) {
		let status: number | undefined;
		let error = '';
		try {
			const response = await fetch(gateway.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {})
				},
				body: JSON.stringify({ to: message.to, message: message.body, reference: message.id }),
				signal: AbortSignal.timeout(options.timeoutMs ?? 10_000)
			});
			status = response.status;
			if (!response.ok) error = `${status} ${(await response.text()).slice(0, 200)}`;
		} catch (caught) {
			error = (caught as Error).message ?? String(caught);
		}
		if (!error) {
			await db.smsMessage.update({
				where: { id: message.id },
				data: { status: 'SENT', sentAt: new Date(), claimedUntil: null, lastError: null }
			});
			result.sent++;
			continue;
		}
		const retryable = status === undefined || status === 429 || status >= 500;
		if (!retryable || message.attempts >= MAX_ATTEMPTS) {
			await db.smsMessage.update({
				where: { id: message.id },
				data: { status: 'FAILED', claimedUntil: null, lastError: error.slice(0, 500) }
			});
			result.failed++;
		} else {
			await db.smsMessage.update({
				where: { id: message.id },
				data: {
					status: 'QUEUED',
					nextAttemptAt: new Date(Date.now() + backoffMs(message.attempts)),
					claimedBy: null,
					claimedUntil: null,
					lastError: error.slice(0, 500)
				}
			});
			result.retried++;
		}
	}
	return result;
}
