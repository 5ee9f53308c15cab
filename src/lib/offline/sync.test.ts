// The outbox and its replay, for what end-to-end tests cannot reach: a session that ends while
// items wait, two people sharing one phone, and the backoff after failed attempts. IndexedDB is
// fake-indexeddb (Node has none); the server is a real HTTP server on 127.0.0.1 that answers each
// request as the test says, so the code sends real requests and reads real responses.
import 'fake-indexeddb/auto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getMeta, offlineDb, setMeta } from './idb';
import { enqueue, outboxItems } from './outbox';
import { send } from './sender';
import { backoffMs, currentUserKey, flush } from './sync';

interface Received {
	path: string;
	body: Record<string, unknown>;
}

/** What the server answers next (status and JSON body); 200 {} once the list is used up. */
let answers: { status: number; body?: unknown }[] = [];
let received: Received[] = [];
let server: Server;
let origin: string;

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!(request.headers['content-type'] ?? '').includes('json')) return { raw: text };
	return JSON.parse(text);
}

beforeAll(async () => {
	server = createServer((request, response) => {
		void readBody(request).then((body) => {
			received.push({ path: request.url ?? '', body });
			const answer = answers.shift() ?? { status: 200, body: {} };
			response.writeHead(answer.status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(answer.body ?? {}));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
	answers = [];
	received = [];
	const db = await offlineDb();
	await Promise.all([db.clear('outbox'), db.clear('meta'), db.clear('views')]);
});

const checkIn = (userId: string, code: string) =>
	enqueue({ userId, kind: 'checkin', body: { assignmentId: `a-${userId}`, method: 'CODE', code } });

describe('the outbox when the session has ended', () => {
	it('keeps every item, says so, and sends them in order once the person is signed in again', async () => {
		await enqueue({ userId: 'ana', kind: 'start', body: { assignmentId: 'a-ana' } });
		await checkIn('ana', 'NL1');
		answers = [{ status: 401, body: { code: 'unauthenticated' } }];

		const first = await flush({ userId: 'ana', origin });
		expect(first).toMatchObject({ sent: 0, rejected: 0, waiting: true, signedOut: true });
		expect(await getMeta('signedOut')).toBe(true);
		// Nothing lost, nothing refused, and no backoff: it waits for a sign-in, not for a timer.
		const kept = await outboxItems('ana');
		expect(kept.map((item) => [item.kind, item.attempts, item.nextAttemptAt, item.rejected])).toEqual([
			['start', 0, 0, undefined],
			['checkin', 0, 0, undefined]
		]);
		expect(received.map((request) => request.path)).toEqual(['/api/patrol/start']);

		const second = await flush({ userId: 'ana', origin });
		expect(second).toMatchObject({ sent: 2, waiting: false, signedOut: false });
		expect(received.map((request) => request.path)).toEqual([
			'/api/patrol/start',
			'/api/patrol/start',
			'/api/patrol/check-ins'
		]);
		expect(await outboxItems('ana')).toEqual([]);
		expect(await getMeta('signedOut')).toBeUndefined();
		expect(await getMeta('lastSyncAt')).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('tells a 401 apart from a refusal and from a failure worth retrying', async () => {
		const item = await checkIn('ana', 'NL1');
		const outcome = async (status: number, body: unknown = {}) => {
			answers = [{ status, body }];
			return send(item, origin);
		};
		expect(await outcome(401)).toEqual({ kind: 'signed-out' });
		expect(await outcome(422, { message: 'No checkpoint has the code NL1.' })).toEqual({
			kind: 'rejected',
			status: 422,
			message: 'No checkpoint has the code NL1.'
		});
		expect(await outcome(403)).toEqual({ kind: 'rejected', status: 403, message: 'HTTP 403' });
		for (const status of [408, 425, 429, 500, 503]) {
			expect(await outcome(status)).toEqual({ kind: 'retry', message: `HTTP ${status}` });
		}
		expect(await outcome(200, { ok: 1 })).toEqual({ kind: 'sent', result: { ok: 1 } });
		// No server at all: retried later too.
		expect(await send(item, 'http://127.0.0.1:9')).toMatchObject({ kind: 'retry' });
		// What went out: the phone's id and time, and when it was sent.
		expect(received.at(-1)?.body).toMatchObject({
			id: item.id,
			code: 'NL1',
			method: 'CODE',
			phoneTime: item.createdAt,
			sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
		});
	});
});

describe('one phone shared by two people', () => {
	it('sends only the items of the person signed in, and keeps the other’s for them', async () => {
		await checkIn('ana', 'NL1');
		await checkIn('bo', 'SL1');
		await checkIn('ana', 'NL2');
		await checkIn('bo', 'SL2');
		expect((await outboxItems('ana')).map((item) => item.body.code)).toEqual(['NL1', 'NL2']);
		expect((await outboxItems('bo')).map((item) => item.body.code)).toEqual(['SL1', 'SL2']);

		// Bo is the one signed in now (the pages set this; the service worker reads it).
		await setMeta(currentUserKey, 'bo');
		expect(await flush({ origin })).toMatchObject({ sent: 2, waiting: false });
		expect(received.map((request) => request.body.code)).toEqual(['SL1', 'SL2']);
		expect(await outboxItems('bo')).toEqual([]);
		expect((await outboxItems('ana')).map((item) => item.body.code)).toEqual(['NL1', 'NL2']);

		// Bo's session ends on this phone: Ana's items are not touched.
		received = [];
		await checkIn('bo', 'SL3');
		answers = [{ status: 401 }];
		await flush({ userId: 'bo', origin });
		expect(await outboxItems('ana')).toHaveLength(2);
		expect(received.map((request) => request.body.code)).toEqual(['SL3']);

		await setMeta(currentUserKey, 'ana');
		expect(await flush({ origin })).toMatchObject({ sent: 2 });
		expect(received.map((request) => request.body.code)).toEqual(['SL3', 'NL1', 'NL2']);
		expect((await outboxItems('bo')).map((item) => item.body.code)).toEqual(['SL3']);
	});

	it('sends nothing when nobody is signed in on the phone', async () => {
		await checkIn('ana', 'NL1');
		expect(await flush({ origin })).toBeNull();
		expect(received).toEqual([]);
		expect(await outboxItems('ana')).toHaveLength(1);
	});

	it('keeps a refused item to show why, and sends the ones after it', async () => {
		await checkIn('ana', 'XX9');
		await checkIn('ana', 'NL2');
		answers = [{ status: 422, body: { message: 'No checkpoint has the code XX9.' } }];
		expect(await flush({ userId: 'ana', origin })).toMatchObject({ sent: 1, rejected: 1, waiting: false });
		const left = await outboxItems('ana');
		expect(left).toHaveLength(1);
		expect(left[0]).toMatchObject({
			body: { code: 'XX9' },
			rejected: { status: 422, message: 'No checkpoint has the code XX9.' }
		});
		// A refused item is never sent again.
		received = [];
		expect(await flush({ userId: 'ana', origin, force: true })).toMatchObject({ sent: 0, rejected: 0 });
		expect(received).toEqual([]);
	});
});

describe('backoff', () => {
	it('doubles from 2 s up to 2 min, with at most ±20 % jitter', () => {
		expect([1, 2, 3, 4, 5].map((attempts) => backoffMs(attempts, 0.5))).toEqual([
			2000, 4000, 8000, 16_000, 32_000
		]);
		expect(backoffMs(7, 0.5)).toBe(120_000);
		expect(backoffMs(50, 0.5)).toBe(120_000);
		expect(backoffMs(1, 0)).toBe(1600);
		expect(backoffMs(1, 1)).toBe(2400);
		expect(backoffMs(50, 1)).toBe(144_000);
	});

	it('waits after a failed attempt, keeps the order, and sends when asked or when the time has come', async () => {
		await checkIn('ana', 'NL1');
		await checkIn('ana', 'NL2');
		answers = [{ status: 503 }];
		const before = Date.now();
		expect(await flush({ userId: 'ana', origin })).toMatchObject({ sent: 0, waiting: true });
		let [first, second] = await outboxItems('ana');
		expect(first).toMatchObject({ attempts: 1, lastError: 'HTTP 503' });
		expect(first.nextAttemptAt).toBeGreaterThanOrEqual(before + 1600);
		expect(first.nextAttemptAt).toBeLessThanOrEqual(Date.now() + 2400);
		// The next item waits behind it: check-ins reach the server in the order they were made.
		expect(second).toMatchObject({ attempts: 0, nextAttemptAt: 0 });

		// A timer's flush before the time: nothing is sent.
		expect(await flush({ userId: 'ana', origin })).toMatchObject({ sent: 0, waiting: true });
		expect(received).toHaveLength(1);

		// A second failure backs off longer.
		answers = [{ status: 500 }];
		await flush({ userId: 'ana', origin, force: true });
		[first] = await outboxItems('ana');
		expect(first.attempts).toBe(2);
		expect(first.nextAttemptAt - Date.now()).toBeGreaterThan(3000);

		// The time has come (here: set back), or the person taps "Send now" (force): both go, in order.
		await (await offlineDb()).put('outbox', { ...first, nextAttemptAt: Date.now() - 1 });
		expect(await flush({ userId: 'ana', origin })).toMatchObject({ sent: 2, waiting: false });
		expect(received.map((request) => request.body.code)).toEqual(['NL1', 'NL1', 'NL1', 'NL2']);
		[first, second] = await outboxItems('ana');
		expect(first).toBeUndefined();
	});
});
