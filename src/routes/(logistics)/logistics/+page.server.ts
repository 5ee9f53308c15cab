import { zonedDate } from '$lib/time';
import { nearingBestBefore, stockOverview } from '$lib/server/logistics/overview';
import { requestQueue } from '$lib/server/logistics/requests';
import { occupancyBoard } from '$lib/server/pods/bookings';
import { logisticsContext } from './context.server';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const { operation } = await logisticsContext();
	if (!operation) return { operation: null };
	const now = new Date();
	const today = zonedDate(now, operation.timezone);
	const [stock, expiring, queue, pods] = await Promise.all([
		stockOverview(operation.id),
		nearingBestBefore(operation.id, today),
		requestQueue(operation.id, now),
		occupancyBoard(operation.id, now, 0)
	]);
	return {
		operation: { id: operation.id, name: operation.name },
		stock,
		expiring,
		open: queue.open.map((request) => ({
			id: request.id,
			status: request.status,
			urgent: request.urgent,
			post: request.post.name,
			createdAt: request.createdAt,
			lines: request.lines
		})),
		podsFree: pods.reduce((sum, pod) => sum + pod.free, 0),
		podsCapacity: pods.reduce((sum, pod) => sum + pod.capacity, 0)
	};
}) satisfies PageServerLoad;
