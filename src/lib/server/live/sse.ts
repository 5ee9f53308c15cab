// A server-sent events response that forwards live notices on some channels to one browser.
import { subscribe } from './bus';
import { trackStream } from './streams';

const HEARTBEAT_MS = 25_000;
const encoder = new TextEncoder();

/**
 * The bus calls every stream's listener with the same notice, one after another in one go: the
 * message is serialised and encoded once and its bytes shared by all watchers (20 organizers on
 * the board made it 20 JSON.stringify and encode calls per check-in). Kept only until that go
 * ends, so a notice object changed and published again is serialised anew. Streams only enqueue
 * the bytes, never change them.
 */
let last: { event: string; data: unknown; bytes: Uint8Array } | undefined;
function encoded(event: string, data: unknown): Uint8Array {
	if (last && last.event === event && last.data === data) return last.bytes;
	const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data ?? null)}\n\n`);
	if (!last) queueMicrotask(() => (last = undefined));
	last = { event, data, bytes };
	return bytes;
}

/**
 * Streams `event: <name>` lines for every notice on `channels`. The browser's EventSource
 * reconnects by itself; a comment every 25 s keeps proxies from closing an idle stream.
 */
export function liveResponse(request: Request, channels: Record<string, string>): Response {
	const unsubscribers: (() => void)[] = [];
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	let untrack = () => {};

	const close = () => {
		clearInterval(heartbeat);
		untrack();
		for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
	};

	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const enqueue = (bytes: Uint8Array) => {
				try {
					controller.enqueue(bytes);
				} catch {
					close();
				}
			};
			const send = (text: string) => enqueue(encoder.encode(text));
			for (const [event, channel] of Object.entries(channels)) {
				unsubscribers.push(await subscribe(channel, (data) => enqueue(encoded(event, data))));
			}
			send(': connected\n\n');
			// A server shutting down ends the stream; the browser's EventSource reconnects elsewhere.
			untrack = trackStream(() => {
				close();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
			heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
			request.signal.addEventListener('abort', () => {
				close();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
		},
		cancel: close
	});

	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-cache, no-transform',
			Connection: 'keep-alive',
			'X-Accel-Buffering': 'no'
		}
	});
}
