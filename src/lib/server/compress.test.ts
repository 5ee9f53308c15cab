import { gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handleCompression } from './compress';

const page = '<p>' + 'Patrol '.repeat(1000) + '</p>';

async function run(accept: string | null, response: Response, method = 'GET') {
	const headers = new Headers(accept ? { 'accept-encoding': accept } : {});
	const event = { request: new Request('http://x/home', { method, headers }) } as RequestEvent;
	return handleCompression({ event, resolve: async () => response });
}
const html = (body = page, extra: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html', ...extra } });

describe('response compression', () => {
	it('gzips a page for a client that accepts gzip, keeping its cookies', async () => {
		const original = html();
		original.headers.append('set-cookie', 'a=1');
		original.headers.append('set-cookie', 'b=2');
		const response = await run('gzip, deflate, br', original);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.length).toBeLessThan(page.length / 10);
		expect(gunzipSync(body).toString()).toBe(page);
	});

	it('leaves alone clients without gzip, small answers, event streams and encoded files', async () => {
		expect((await run(null, html())).headers.get('content-encoding')).toBeNull();
		expect(
			(await run('gzip', html('<p>hi</p>', { 'content-length': '9' }))).headers.get('content-encoding')
		).toBeNull();
		const stream = new Response('data: 1\n\n', { headers: { 'content-type': 'text/event-stream' } });
		expect((await run('gzip', stream)).headers.get('content-encoding')).toBeNull();
		const brotli = html(page, { 'content-encoding': 'br' });
		expect((await run('gzip', brotli)).headers.get('content-encoding')).toBe('br');
		expect((await run('gzip', html(), 'HEAD')).headers.get('content-encoding')).toBeNull();
	});
});
