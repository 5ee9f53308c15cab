import { afterAll, describe, expect, it } from 'vitest';
import { closeLiveBus, publish, subscribe } from './bus';
import { liveResponse } from './sse';

afterAll(closeLiveBus);

const nextNotice = (channel: string) =>
	new Promise<unknown>((resolve) => {
		void subscribe(channel, (data) => resolve(data));
	});

describe(`live notices on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('reach subscribers of the channel and no others', async () => {
		const seen: unknown[] = [];
		const unsubscribe = await subscribe('coverage:other', (data) => seen.push(data));
		const received = nextNotice('coverage:op1');
		await publish('coverage:op1', { patrolId: 'p1' });
		expect(await received).toEqual({ patrolId: 'p1' });
		unsubscribe();
		await publish('coverage:other', 1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(seen).toEqual([]);
	});

	it('stream as server-sent events until the browser goes away', async () => {
		const abort = new AbortController();
		const response = liveResponse(new Request('http://x/live', { signal: abort.signal }), {
			changed: 'board:1'
		});
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const reader = response.body!.getReader();
		const decoder = new TextDecoder();
		expect(decoder.decode((await reader.read()).value)).toBe(': connected\n\n');
		await publish('board:1', { id: 7 });
		expect(decoder.decode((await reader.read()).value)).toBe('event: changed\ndata: {"id":7}\n\n');
		abort.abort();
		expect((await reader.read()).done).toBe(true);
	});

	it('send every watcher the same notice, and a notice published again as it is then', async () => {
		const aborts = [new AbortController(), new AbortController()];
		const readers = aborts.map((abort) =>
			liveResponse(new Request('http://x/live', { signal: abort.signal }), {
				changed: 'board:2'
			}).body!.getReader()
		);
		const decoder = new TextDecoder();
		for (const reader of readers) expect(decoder.decode((await reader.read()).value)).toBe(': connected\n\n');
		const notice = { id: 1 };
		await publish('board:2', notice);
		for (const reader of readers) {
			expect(decoder.decode((await reader.read()).value)).toBe('event: changed\ndata: {"id":1}\n\n');
		}
		notice.id = 2;
		await publish('board:2', notice);
		for (const reader of readers) {
			expect(decoder.decode((await reader.read()).value)).toBe('event: changed\ndata: {"id":2}\n\n');
		}
		for (const abort of aborts) abort.abort();
	});
});
