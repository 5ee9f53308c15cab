// The push worker: sends what the outbox (PushDelivery) holds, durably and exactly once per row.
//
// A worker claims due rows with one atomic UPDATE ... RETURNING that sets a lease (status SENDING,
// claimedBy, claimedUntil); on PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED,
// so two app instances never claim the same row. Each answer is written the moment it arrives (one
// UPDATE per push, before that lane sends its next one), never gathered into a batch: a batch held
// in memory is lost with the process, and every push in it would go out again.
//
// Leases are short (15 s) and renewed every 5 s while the worker runs, so a live worker never loses
// rows it is still sending, and the rows of a dead one are free again at most 15 s after it died.
// After a crash, only the pushes that were truly in flight (request sent, answer not yet written:
// at most `concurrency` of them) can go out twice, and they carry the same Topic, so the push
// service and the phone replace, not add.
//
// Sending reuses connections (a keep-alive agent), signs the VAPID header once per push service per
// hour instead of per message, and keeps `concurrency` requests in flight.
import { createHash, randomUUID } from 'node:crypto';
import https from 'node:https';
import webpush from 'web-push';
import type { PushPayload } from '$lib/notify/payload';
import { isLocale } from '$lib/paraglide/runtime';
import { db as defaultDb, dbTarget, type Db, type NoticeUrgency } from '../db';
import { Prisma } from '../db/generated/sqlite/client';
import { secrets } from '../secrets';

/** The Notice kind of a message that asks its reader to respond to an alert. */
export const RESPOND_KIND = 'alert.respond';

/** The most plaintext that fits a 4 KB push message after aes128gcm encryption (web-push 3.6). */
export const MAX_PAYLOAD_BYTES = 3993;
/** How long a push service keeps a message for an offline phone. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
const MAX_ATTEMPTS = 10;
/** After a crash, the dead worker's rows are free again at most this long after it died. */
export const DEFAULT_LEASE_MS = 15_000;
const MAX_BACKOFF_MS = 10 * 60 * 1000;

const URGENCY_HEADER: Record<NoticeUrgency, webpush.Urgency> = {
	VERY_LOW: 'very-low',
	LOW: 'low',
	NORMAL: 'normal',
	HIGH: 'high'
};

/** RFC 8030 topics are at most 32 base64url characters: a hash of the app's own topic. */
export function topicHeader(topic: string): string {
	return createHash('sha256').update(topic).digest('base64url').slice(0, 32);
}

interface NoticeForPush {
	id: string;
	kind?: string;
	title: string;
	body: string;
	url: string | null;
	topic: string | null;
	requireAck: boolean;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** The JSON the service worker shows, shortened (body first, then title) to fit in 4 KB. */
export function pushPayload(notice: NoticeForPush, locale?: string): string {
	const payload: PushPayload = {
		id: notice.id,
		title: notice.title,
		body: notice.body,
		url: notice.url ?? `/inbox/${notice.id}`,
		topic: notice.topic ?? undefined,
		requireAck: notice.requireAck,
		locale: isLocale(locale) ? locale : undefined,
		// Notices asking for a responder (SOS, welfare checks): the notification's "I'm on my way".
		respond:
			notice.kind === RESPOND_KIND && notice.topic?.startsWith('alert:') ? notice.topic.slice(6) : undefined
	};
	let json = JSON.stringify(payload);
	for (const field of ['body', 'title'] as const) {
		if (byteLength(json) <= MAX_PAYLOAD_BYTES) break;
		// The longest start of the text that still fits, found by halving.
		const chars = [...payload[field]];
		const fits = (keep: number) => {
			payload[field] = chars.slice(0, keep).join('') + '…';
			json = JSON.stringify(payload);
			return byteLength(json) <= MAX_PAYLOAD_BYTES;
		};
		let [low, high] = [0, chars.length];
		while (low < high) {
			const middle = Math.ceil((low + high) / 2);
			if (fits(middle)) low = middle;
			else high = middle - 1;
		}
		fits(low);
	}
	return json;
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
	const header = Array.isArray(value) ? value[0] : value;
	if (!header) return null;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const date = Date.parse(header);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function backoffMs(attempts: number): number {
	const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** One signed VAPID header per push-service origin, re-signed hourly (valid for 12 hours). */
class VapidCache {
	#headers = new Map<string, { value: string; until: number }>();

	header(endpoint: string): string {
		const audience = new URL(endpoint).origin;
		const now = Date.now();
		const cached = this.#headers.get(audience);
		if (cached && cached.until > now) return cached.value;
		const { vapid } = secrets();
		const value = webpush.getVapidHeaders(
			audience,
			vapid.subject,
			vapid.publicKey,
			vapid.privateKey,
			'aes128gcm',
			Math.floor(now / 1000) + 12 * 60 * 60
		).Authorization;
		this.#headers.set(audience, { value, until: now + 60 * 60 * 1000 });
		return value;
	}
}

export interface WorkerOptions {
	db?: Db;
	/** The provider of `db` (default: DATABASE_URL's). */
	provider?: 'sqlite' | 'postgresql';
	/** Requests in flight at once. */
	concurrency?: number;
	/** How long a claim holds before another worker may take the row over (renewed every third). */
	leaseMs?: number;
	/** Connection reuse; pass one with `ca` to trust a test push service. */
	agent?: https.Agent;
	workerId?: string;
	/** Idle poll interval, for retries that come due and work queued by other instances. */
	pollMs?: number;
	/** Per-request timeout. */
	timeoutMs?: number;
}

export interface RunResult {
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
	gone: number;
}

interface ClaimedDelivery {
	id: string;
	attempts: number;
	notice: NoticeForPush & { urgency: NoticeUrgency; user: { locale: string } };
	subscription: { id: string; endpoint: string; p256dh: string; auth: string } | null;
}

export class DeliveryWorker {
	readonly id: string;
	readonly concurrency: number;
	readonly #db: Db;
	readonly #postgres: boolean;
	readonly #leaseMs: number;
	readonly #agent: https.Agent;
	readonly #ownAgent: boolean;
	readonly #pollMs: number;
	readonly #timeoutMs: number;
	readonly #vapid = new VapidCache();
	#running: Promise<void> | null = null;
	#stopping = false;
	#wake: (() => void) | null = null;
	#woken = false;

	constructor(options: WorkerOptions = {}) {
		this.#db = options.db ?? defaultDb;
		this.#postgres = (options.provider ?? dbTarget.provider) === 'postgresql';
		this.concurrency = options.concurrency ?? 50;
		this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
		this.#pollMs = options.pollMs ?? 2_000;
		this.#timeoutMs = options.timeoutMs ?? 30_000;
		this.id = options.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
		this.#ownAgent = !options.agent;
		this.#agent =
			options.agent ?? new https.Agent({ keepAlive: true, maxSockets: this.concurrency, scheduling: 'lifo' });
	}

	/** Atomically leases up to `limit` due rows (queued and due, or claimed by a dead worker). */
	async claim(limit: number, now = new Date()): Promise<string[]> {
		const until = new Date(now.getTime() + this.#leaseMs);
		// PostgreSQL: lock the candidates and skip rows another instance is claiming right now.
		// SQLite has one writer at a time, so the UPDATE alone is atomic there.
		const lock = this.#postgres ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
		const rows = await this.#db.$queryRaw<{ id: string }[]>`
			UPDATE "PushDelivery" SET "status" = 'SENDING', "claimedBy" = ${this.id},
				"claimedUntil" = ${until}, "attempts" = "attempts" + 1
			WHERE "id" IN (
				SELECT "id" FROM "PushDelivery"
				WHERE ("status" = 'QUEUED' AND "nextAttemptAt" <= ${now})
					OR ("status" = 'SENDING' AND "claimedUntil" < ${now})
				ORDER BY "nextAttemptAt" LIMIT ${limit}
				${lock})
			RETURNING "id"`;
		return rows.map((row) => row.id);
	}

	/** Claims one batch and sends it. */
	async runOnce(): Promise<RunResult> {
		const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, gone: 0 };
		const ids = await this.claim(this.concurrency * 4);
		result.claimed = ids.length;
		if (!ids.length) return result;
		const deliveries: ClaimedDelivery[] = await this.#db.pushDelivery.findMany({
			where: { id: { in: ids } },
			select: {
				id: true,
				attempts: true,
				notice: {
					select: {
						id: true,
						kind: true,
						title: true,
						body: true,
						url: true,
						topic: true,
						requireAck: true,
						urgency: true,
						user: { select: { locale: true } }
					}
				},
				subscription: { select: { id: true, endpoint: true, p256dh: true, auth: true } }
			}
		});
		let next = 0;
		const lane = async () => {
			while (next < deliveries.length && !this.#stopping) {
				const outcome = await this.#deliver(deliveries[next++]);
				result[outcome]++;
			}
		};
		const renewal = setInterval(() => void this.renew().catch(() => {}), Math.max(50, this.#leaseMs / 3));
		try {
			await Promise.all(Array.from({ length: Math.min(this.concurrency, deliveries.length) }, lane));
		} finally {
			clearInterval(renewal);
		}
		// Stopped part-way: hand the rows not yet started back at once instead of after the lease.
		const unsent = deliveries.slice(next).map((delivery) => delivery.id);
		if (unsent.length) await this.release(unsent);
		return result;
	}

	/** Extends the lease of every row this worker is still sending. */
	async renew(now = new Date()): Promise<number> {
		const { count } = await this.#db.pushDelivery.updateMany({
			where: { claimedBy: this.id, status: 'SENDING' },
			data: { claimedUntil: new Date(now.getTime() + this.#leaseMs) }
		});
		return count;
	}

	/** Puts claimed rows back in the queue, untried (the attempt is not counted). */
	async release(ids: string[]): Promise<void> {
		await this.#db.pushDelivery.updateMany({
			where: { id: { in: ids }, claimedBy: this.id, status: 'SENDING' },
			data: { status: 'QUEUED', claimedBy: null, claimedUntil: null, attempts: { decrement: 1 } }
		});
	}

	/** Sends everything due now; returns the totals. */
	async drain(): Promise<RunResult> {
		const total: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, gone: 0 };
		// Called by hand (tests, scripts) after an earlier stop(): run again.
		if (!this.#running) this.#stopping = false;
		for (;;) {
			const run = await this.runOnce();
			for (const key of Object.keys(total) as (keyof RunResult)[]) total[key] += run[key];
			if (!run.claimed || this.#stopping) return total;
		}
	}

	async #deliver(delivery: ClaimedDelivery): Promise<Exclude<keyof RunResult, 'claimed'>> {
		const db = this.#db;
		const subscription = delivery.subscription;
		if (!subscription) {
			await db.pushDelivery.update({
				where: { id: delivery.id },
				data: { status: 'GONE', claimedBy: null, claimedUntil: null, lastError: 'device removed' }
			});
			return 'gone';
		}
		const notice = delivery.notice;
		try {
			await webpush.sendNotification(
				{ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
				pushPayload(notice, notice.user.locale),
				{
					TTL: PUSH_TTL_SECONDS,
					urgency: URGENCY_HEADER[notice.urgency],
					topic: topicHeader(notice.topic ?? notice.id),
					agent: this.#agent,
					timeout: this.#timeoutMs,
					// Signed once per push service (no global VAPID details are set, so web-push
					// does not sign again per message).
					headers: { Authorization: this.#vapid.header(subscription.endpoint) }
				}
			);
		} catch (error) {
			return this.#failed(delivery, subscription.id, error);
		}
		// Written now, before this lane sends again: the answer is the only proof it went out.
		await db.pushDelivery.update({
			where: { id: delivery.id },
			// claimedBy stays: which worker handed it over.
			data: { status: 'SENT', sentAt: new Date(), claimedUntil: null, lastError: null }
		});
		return 'sent';
	}

	async #failed(delivery: ClaimedDelivery, subscriptionId: string, error: unknown) {
		const db = this.#db;
		const status = (error as { statusCode?: number }).statusCode;
		const message = `${status ?? ''} ${(error as Error).message ?? error}`.trim().slice(0, 500);
		if (status === 404 || status === 410) {
			// The browser dropped this subscription: stop every push to it and forget the device.
			await db.$transaction([
				db.pushDelivery.update({
					where: { id: delivery.id },
					data: { status: 'GONE', claimedBy: null, claimedUntil: null, lastError: message }
				}),
				db.pushDelivery.updateMany({
					where: { subscriptionId, status: 'QUEUED' },
					data: { status: 'GONE', lastError: 'device removed' }
				}),
				db.pushSubscription.deleteMany({ where: { id: subscriptionId } })
			]);
			return 'gone' as const;
		}
		const retryable = status === undefined || status === 429 || status >= 500;
		if (!retryable || delivery.attempts >= MAX_ATTEMPTS) {
			await db.pushDelivery.update({
				where: { id: delivery.id },
				data: { status: 'FAILED', claimedBy: null, claimedUntil: null, lastError: message }
			});
			return 'failed' as const;
		}
		const headers = (error as { headers?: Record<string, string | string[] | undefined> }).headers;
		const delay = retryAfterMs(headers?.['retry-after']) ?? backoffMs(delivery.attempts);
		await db.pushDelivery.update({
			where: { id: delivery.id },
			data: {
				status: 'QUEUED',
				nextAttemptAt: new Date(Date.now() + delay),
				claimedBy: null,
				claimedUntil: null,
				lastError: message
			}
		});
		return 'retried' as const;
	}

	/** Runs until stop(): drains, then waits for a wake-up or the poll interval. */
	start(): void {
		if (this.#running) return;
		this.#stopping = false;
		this.#running = (async () => {
			while (!this.#stopping) {
				try {
					await this.drain();
				} catch (error) {
					console.error('[push worker]', error);
				}
				if (this.#stopping) break;
				if (!this.#woken) {
					await new Promise<void>((resolve) => {
						const timer = setTimeout(resolve, this.#pollMs);
						this.#wake = () => {
							clearTimeout(timer);
							resolve();
						};
					});
				}
				this.#woken = false;
				this.#wake = null;
			}
		})();
	}

	/** New work was queued: look now instead of at the next poll. */
	wake(): void {
		this.#woken = true;
		this.#wake?.();
	}

	/**
	 * Gives back the deliveries this worker leased and has not finished (a stop mid-batch): they are
	 * due again at once, for whichever worker claims next. Returns how many.
	 */
	async releaseLeases(): Promise<number> {
		const { count } = await this.#db.pushDelivery.updateMany({
			where: { claimedBy: this.id, status: 'SENDING' },
			data: { status: 'QUEUED', claimedBy: null, claimedUntil: null, nextAttemptAt: new Date() }
		});
		return count;
	}

	async stop(): Promise<void> {
		this.#stopping = true;
		this.#wake?.();
		await this.#running;
		this.#running = null;
		if (this.#ownAgent) this.#agent.destroy();
	}
}

let shared: DeliveryWorker | null = null;

/** The app's own worker (started from jobs.ts). */
export function startDeliveryWorker(options: WorkerOptions = {}): DeliveryWorker {
	shared ??= new DeliveryWorker(options);
	shared.start();
	return shared;
}

/** Tells this process's worker, if it runs, that deliveries were just queued. */
export function wakeDeliveries(): void {
	shared?.wake();
}
