// Keeps a page fresh while it is open: reloads its data whenever the server announces a change on
// the given server-sent events stream. The browser's EventSource reconnects by itself.
import { invalidateAll } from '$app/navigation';

export function liveReload(url: string, events: string[] = ['changed']): () => void {
	const source = new EventSource(url);
	let pending: ReturnType<typeof setTimeout> | undefined;
	// Several notices in a burst (a pick of five lines) make one reload.
	const reload = () => {
		clearTimeout(pending);
		pending = setTimeout(() => void invalidateAll(), 150);
	};
	for (const event of events) source.addEventListener(event, reload);
	return () => {
		clearTimeout(pending);
		source.close();
	};
}
