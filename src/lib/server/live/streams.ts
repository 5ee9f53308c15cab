// The live streams (server-sent events) open in this process, so that a shutdown can end them:
// they never finish by themselves and would hold the HTTP server open (shutdown.ts).
const streams = new Set<() => void>();
let closing = false;

/** Registers a stream's closer; returns the function that unregisters it. */
export function trackStream(close: () => void): () => void {
	if (closing) {
		close();
		return () => {};
	}
	streams.add(close);
	return () => void streams.delete(close);
}

/** Ends every open stream, and any opened from now on. */
export function closeAllStreams(): void {
	closing = true;
	for (const close of [...streams]) close();
	streams.clear();
}
