// A server-sent events response that forwards live notices on some channels to one browser.
import { subscribe } from './bus';

const HEARTBEAT_MS = 25_000;

/**
 * Streams `event: <name>` lines for every notice on `channels`. The browser's EventSource
 * reconnects by itself; a comment every 25 s keeps proxies from closing an idle stream.
 */
export function liveResponse(request: Request, channels: Record<string, string>): Response {
	const encoder = new TextEncoder();
	const unsubscribers: (() => void)[] = [];
	let heartbeat: ReturnType<typeof setInterval> | undefined;

	const close = () => {
		clearInterval(heartbeat);
		for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
	};

	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					close();
				}
			};
			for (const [event, channel] of Object.entries(channels)) {
				unsubscribers.push(
					await subscribe(channel, (data) =>
						send(`event: ${event}\ndata: ${JSON.stringify(data ?? null)}\n\n`)
					)
				);
			}
			send(': connected\n\n');
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
