// Compresses what the app renders (pages, their __data.json, JSON APIs) for clients that accept
// gzip. The Node server sends everything uncompressed otherwise, which Lighthouse's slow-4G phone
// counts at 250-300 ms per page. Static files are compressed once at build time instead
// (adapter-node's `precompress`), and event streams are never compressed: each event must go out
// when it happens, not when a compression block fills.
import type { Handle } from '@sveltejs/kit';

/** Below this the gzip header and the work cost more than they save. */
const MIN_BYTES = 1024;
const COMPRESSIBLE =
	/^(text\/(html|plain|css|csv|javascript)|application\/(json|javascript|x-ndjson|xml|manifest\+json)|image\/svg\+xml)/;

export function shouldCompress(request: Request, response: Response): boolean {
	if (!response.body || request.method === 'HEAD') return false;
	if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304)
		return false;
	if (response.headers.has('content-encoding')) return false;
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return false;
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type)) return false;
	// A ndjson response that reports progress (the roster import) must flush line by line.
	if (type.startsWith('application/x-ndjson')) return false;
	const length = response.headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

export const handleCompression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!shouldCompress(event.request, response)) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	// Node runs CompressionStream's zlib work on its thread pool, off the event loop.
	return new Response(response.body!.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
