// The daily report of an operation: what moved where, meals served, how fast requests were met and
// how the rest pods were used, for one calendar day in the operation's timezone.
import { fromSteps } from '$lib/logistics/units';
import { addDays, zonedTime } from '$lib/time';
import { toCsv } from '../csv';
import { db } from '../db';
import { NotFoundError } from '../errors';

const MINUTE = 60_000;

export interface StockLine {
	itemId: string;
	item: string;
	unit: string;
	postId: string;
	location: string;
	received: number;
	transferredIn: number;
	transferredOut: number;
	issued: number;
	wasted: number;
	adjusted: number;
	/** Delivered here (a post), or issued to people straight from here (a depot): what reached the front. */
	handedOut: number;
}

function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function dailyReport(operationId: string, day: string) {
	const operation = await db.operation.findUnique({ where: { id: operationId } });
	if (!operation) throw new NotFoundError('operation');
	const from = zonedTime(day, '00:00', operation.timezone);
	const to = zonedTime(addDays(day, 1), '00:00', operation.timezone);
	return { day, ...(await supplyReport(operation, from, to)) };
}

/** The same figures for any period (the briefing's whole operation to date). */
export async function supplyReport(
	operation: { id: string; name: string; timezone: string },
	from: Date,
	to: Date
) {
	const operationId = operation.id;
	const during = { gte: from, lt: to };

	const [items, posts, moves, meals, requests, bookings] = await Promise.all([
		db.item.findMany({ where: { operationId }, select: { id: true, name: true, unit: true, isMeal: true } }),
		db.post.findMany({ where: { operationId }, select: { id: true, name: true, kind: true } }),
		db.stockMovement.groupBy({
			by: ['itemId', 'kind', 'fromPostId', 'toPostId'],
			where: { operationId, createdAt: during },
			_sum: { quantity: true }
		}),
		db.mealServing.findMany({
			where: { servedAt: during, shift: { operationId } },
			select: { shift: { select: { post: { select: { name: true } }, route: { select: { name: true } } } } }
		}),
		db.supplyRequest.findMany({
			where: { operationId, OR: [{ createdAt: during }, { deliveredAt: during }, { closedAt: during }] },
			select: { status: true, urgent: true, createdAt: true, deliveredAt: true, closedAt: true }
		}),
		db.podBooking.findMany({
			where: { startsAt: during, pod: { operationId } },
			select: {
				status: true,
				checkedInAt: true,
				checkedOutAt: true,
				startsAt: true,
				endsAt: true,
				createdAt: true,
				pod: { select: { id: true, name: true, capacity: true } }
			}
		})
	]);

	// Stock: one line per item and location that saw a movement.
	const lines = new Map<string, StockLine>();
	const line = (itemId: string, postId: string) => {
		const key = `${itemId}:${postId}`;
		let found = lines.get(key);
		if (!found) {
			const item = items.find((candidate) => candidate.id === itemId)!;
			const post = posts.find((candidate) => candidate.id === postId)!;
			found = {
				itemId,
				item: item.name,
				unit: item.unit,
				postId,
				location: post.name,
				received: 0,
				transferredIn: 0,
				transferredOut: 0,
				issued: 0,
				wasted: 0,
				adjusted: 0,
				handedOut: 0
			};
			lines.set(key, found);
		}
		return found;
	};
	const isDepot = (postId: string) => posts.find((post) => post.id === postId)?.kind === 'DEPOT';
	for (const move of moves) {
		const quantity = move._sum.quantity ?? 0;
		if (move.fromPostId) {
			const out = line(move.itemId, move.fromPostId);
			if (move.kind === 'ISSUED') {
				out.issued += quantity;
				// Stock issued at a post was counted when it was delivered there.
				if (isDepot(move.fromPostId)) out.handedOut += quantity;
			} else if (move.kind === 'WASTED') out.wasted += quantity;
			else if (move.kind === 'ADJUSTED') out.adjusted -= quantity;
			else out.transferredOut += quantity;
		}
		if (move.toPostId) {
			const into = line(move.itemId, move.toPostId);
			if (move.kind === 'RECEIVED') into.received += quantity;
			else if (move.kind === 'ADJUSTED') into.adjusted += quantity;
			else {
				into.transferredIn += quantity;
				if (!isDepot(move.toPostId)) into.handedOut += quantity;
			}
		}
	}
	const stock = [...lines.values()].sort(
		(a, b) => a.item.localeCompare(b.item) || a.location.localeCompare(b.location)
	);

	const byItem = items
		.map((item) => {
			const own = stock.filter((row) => row.itemId === item.id && row.handedOut > 0);
			return {
				id: item.id,
				name: item.name,
				unit: item.unit,
				total: own.reduce((sum, row) => sum + row.handedOut, 0),
				byLocation: own.map((row) => ({
					postId: row.postId,
					location: row.location,
					quantity: row.handedOut
				}))
			};
		})
		.filter((item) => item.total > 0)
		.sort((a, b) => b.total - a.total);

	const mealPlaces = new Map<string, number>();
	for (const meal of meals) {
		const place = meal.shift.post?.name ?? meal.shift.route?.name ?? '—';
		mealPlaces.set(place, (mealPlaces.get(place) ?? 0) + 1);
	}

	const delivered = requests.filter(
		(request) => request.deliveredAt && request.deliveredAt >= from && request.deliveredAt < to
	);
	const minutes = (list: typeof delivered) =>
		list.map((request) => (request.deliveredAt!.getTime() - request.createdAt.getTime()) / MINUTE);

	type PodUse = {
		name: string;
		capacity: number;
		booked: number;
		used: number;
		noShow: number;
		cancelled: number;
		minutes: number;
		/** Minutes from booking to the slot: how long people waited for a place. */
		waits: number[];
		/** Places taken per slot (cancelled bookings gave theirs back). */
		slots: Map<number, number>;
	};
	const podUse = new Map<string, PodUse>();
	for (const booking of bookings) {
		const pod: PodUse = podUse.get(booking.pod.id) ?? {
			name: booking.pod.name,
			capacity: booking.pod.capacity,
			booked: 0,
			used: 0,
			noShow: 0,
			cancelled: 0,
			minutes: 0,
			waits: [],
			slots: new Map()
		};
		pod.booked++;
		pod.waits.push(Math.max(0, (booking.startsAt.getTime() - booking.createdAt.getTime()) / MINUTE));
		if (booking.status !== 'CANCELLED') {
			const slot = booking.startsAt.getTime();
			pod.slots.set(slot, (pod.slots.get(slot) ?? 0) + 1);
		}
		if (booking.checkedInAt) {
			pod.used++;
			const left = booking.checkedOutAt ?? booking.endsAt;
			pod.minutes += Math.max(0, (left.getTime() - booking.checkedInAt.getTime()) / MINUTE);
		}
		if (booking.status === 'RELEASED') pod.noShow++;
		if (booking.status === 'CANCELLED') pod.cancelled++;
		podUse.set(booking.pod.id, pod);
	}

	return {
		timezone: operation.timezone,
		operation: { id: operation.id, name: operation.name },
		stock,
		byItem,
		meals: {
			served: meals.length,
			byPlace: [...mealPlaces].map(([place, count]) => ({ place, count })).sort((a, b) => b.count - a.count)
		},
		requests: {
			created: requests.filter((request) => request.createdAt >= from && request.createdAt < to).length,
			fulfilled: delivered.length,
			urgentFulfilled: delivered.filter((request) => request.urgent).length,
			medianMinutes: median(minutes(delivered)),
			urgentMedianMinutes: median(minutes(delivered.filter((request) => request.urgent))),
			slowestMinutes: delivered.length ? Math.max(...minutes(delivered)) : null,
			declined: requests.filter(
				(r) => r.status === 'DECLINED' && r.closedAt && r.closedAt >= from && r.closedAt < to
			).length,
			cancelled: requests.filter(
				(r) => r.status === 'CANCELLED' && r.closedAt && r.closedAt >= from && r.closedAt < to
			).length
		},
		pods: [...podUse.values()].map(({ waits, slots, ...pod }) => ({
			...pod,
			minutes: Math.round(pod.minutes),
			medianWaitMinutes: median(waits),
			fullSlots: [...slots.values()].filter((taken) => taken >= pod.capacity).length
		}))
	};
}

export type DailyReport = Awaited<ReturnType<typeof dailyReport>>;

/** The report as CSV: one row per figure, quantities in the item's unit, for spreadsheets. */
export function reportCsv(report: DailyReport): string {
	const rows: (string | number)[][] = [];
	const stockColumns = [
		'received',
		'transferredIn',
		'transferredOut',
		'issued',
		'wasted',
		'adjusted'
	] as const;
	for (const line of report.stock) {
		for (const measure of stockColumns) {
			if (line[measure] !== 0)
				rows.push([
					'stock',
					line.item,
					line.unit,
					line.location,
					measure,
					fromSteps(line[measure], line.unit)
				]);
		}
	}
	for (const place of report.meals.byPlace)
		rows.push(['meals', '', 'MEAL', place.place, 'served', place.count]);
	const r = report.requests;
	for (const [measure, value] of [
		['created', r.created],
		['fulfilled', r.fulfilled],
		['urgent_fulfilled', r.urgentFulfilled],
		['median_minutes', r.medianMinutes],
		['urgent_median_minutes', r.urgentMedianMinutes],
		['slowest_minutes', r.slowestMinutes],
		['declined', r.declined],
		['cancelled', r.cancelled]
	] as const) {
		rows.push(['requests', '', '', '', measure, value === null ? '' : Math.round(value * 10) / 10]);
	}
	for (const pod of report.pods) {
		for (const measure of ['booked', 'used', 'noShow', 'cancelled', 'minutes'] as const) {
			rows.push(['pods', pod.name, '', '', measure, pod[measure]]);
		}
	}
	return toCsv(['section', 'item', 'unit', 'location', 'measure', 'value'], rows);
}
