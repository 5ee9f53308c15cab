// The command view: how the operation stands right now, on one screen. Computed at most once a
// second per operation and shared by every organizer and wall display watching it (boards reload
// on each live notice, so a burst of check-ins must not mean a burst of these queries).
import { db } from '../db';
import { MISSING_AFTER_MINUTES } from '../patrols/attendance';
import { occupancyBoard } from '../pods/bookings';
import { alertsOpen } from './alerts';
import { minutesBetween } from './rules';
import { WORKING } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CACHE_MS = 1000;
/** Unfilled places on shifts starting within this many hours are gaps to fill. */
export const SOON_HOURS = 3;
/** Stock that lasts less than this many hours at the recent rate is running out. */
export const STOCK_HORIZON_HOURS = 6;
/** The recent rate: what left each location over this many hours. */
export const STOCK_RATE_HOURS = 3;
/** Broadcasts waiting for acknowledgement are followed for this long. */
const BROADCAST_HOURS = 24;

/** Ages of open items, in minutes: under 15, 15 to 60, over 60. */
export function byAge(ages: number[]) {
	return {
		fresh: ages.filter((age) => age < 15).length,
		waiting: ages.filter((age) => age >= 15 && age < 60).length,
		old: ages.filter((age) => age >= 60).length
	};
}

export async function computeCommandView(operationId: string, now = new Date()) {
	const soon = new Date(now.getTime() + SOON_HOURS * HOUR);
	const [shifts, alerts, reports, balances, outflow, pods, broadcasts] = await Promise.all([
		db.shift.findMany({
			where: { operationId, startsAt: { lte: soon }, endsAt: { gt: now } },
			orderBy: { startsAt: 'asc' },
			select: {
				id: true,
				title: true,
				startsAt: true,
				endsAt: true,
				headcount: true,
				route: { select: { name: true, zone: { select: { id: true, name: true } } } },
				post: { select: { name: true, zone: { select: { id: true, name: true } } } },
				assignments: {
					where: { status: { in: [...WORKING] } },
					select: {
						id: true,
						status: true,
						user: { select: { id: true, name: true } },
						patrol: { select: { endedAt: true } }
					}
				}
			}
		}),
		alertsOpen(operationId),
		db.fieldReport.findMany({
			where: { operationId, status: { not: 'RESOLVED' } },
			orderBy: { receivedAt: 'asc' },
			take: 200,
			select: { id: true, category: true, severity: true, status: true, receivedAt: true }
		}),
		db.stockBalance.groupBy({
			by: ['itemId', 'postId'],
			where: { item: { operationId }, quantity: { gt: 0 } },
			_sum: { quantity: true }
		}),
		db.stockMovement.groupBy({
			by: ['itemId', 'fromPostId'],
			where: {
				operationId,
				fromPostId: { not: null },
				correctsId: null,
				createdAt: { gte: new Date(now.getTime() - STOCK_RATE_HOURS * HOUR) }
			},
			_sum: { quantity: true }
		}),
		occupancyBoard(operationId, now, 0),
		db.broadcast.findMany({
			where: {
				operationId,
				requireAck: true,
				createdAt: { gte: new Date(now.getTime() - BROADCAST_HOURS * HOUR) }
			},
			orderBy: { createdAt: 'desc' },
			select: {
				id: true,
				title: true,
				createdAt: true,
				recipientCount: true,
				_count: { select: { notices: { where: { acknowledgedAt: null } } } }
			}
		})
	]);

	const placeOf = (shift: (typeof shifts)[number]) => shiftName(shift);
	const zoneOf = (shift: (typeof shifts)[number]) => shift.route?.zone ?? shift.post?.zone ?? null;
	const running = shifts.filter((shift) => shift.startsAt <= now);
	const onDuty = (assignment: (typeof shifts)[number]['assignments'][number]) =>
		assignment.patrol ? assignment.patrol.endedAt === null : assignment.status === 'PRESENT';

	const zones = new Map<
		string,
		{ id: string; name: string; planned: number; placed: number; onDuty: number }
	>();
	for (const shift of running) {
		const zone = zoneOf(shift) ?? { id: '', name: '' };
		const row = zones.get(zone.id) ?? { ...zone, planned: 0, placed: 0, onDuty: 0 };
		row.planned += shift.headcount;
		row.placed += shift.assignments.length;
		row.onDuty += shift.assignments.filter(onDuty).length;
		zones.set(zone.id, row);
	}
	const zoneRows = [...zones.values()].sort((a, b) => a.name.localeCompare(b.name));

	const startingSoon = shifts
		.filter((shift) => shift.startsAt > now && shift.assignments.length < shift.headcount)
		.map((shift) => ({
			shiftId: shift.id,
			place: placeOf(shift),
			zone: zoneOf(shift)?.name ?? '',
			startsAt: shift.startsAt,
			missing: shift.headcount - shift.assignments.length
		}));
	const notStarted = running
		.filter((shift) => minutesBetween(shift.startsAt, now) >= MISSING_AFTER_MINUTES)
		.flatMap((shift) =>
			shift.assignments
				.filter((assignment) => assignment.status === 'ASSIGNED' && !assignment.patrol)
				.map((assignment) => ({
					shiftId: shift.id,
					assignmentId: assignment.id,
					userId: assignment.user.id,
					name: assignment.user.name,
					place: placeOf(shift),
					startsAt: shift.startsAt
				}))
		);

	const openAlerts = alerts.map((alert) => ({
		...alert,
		ageMinutes: Math.floor(minutesBetween(alert.raisedAt, now))
	}));
	const openReports = reports.map((report) => ({
		...report,
		ageMinutes: Math.floor(minutesBetween(report.receivedAt, now))
	}));

	const rate = new Map(
		outflow.map((row) => [`${row.itemId}:${row.fromPostId}`, (row._sum.quantity ?? 0) / STOCK_RATE_HOURS])
	);
	const runningOut = balances
		.map((balance) => {
			const perHour = rate.get(`${balance.itemId}:${balance.postId}`) ?? 0;
			const quantity = balance._sum.quantity ?? 0;
			return {
				itemId: balance.itemId,
				postId: balance.postId,
				quantity,
				perHour,
				hoursLeft: perHour > 0 ? quantity / perHour : null
			};
		})
		.filter((row) => row.hoursLeft !== null && row.hoursLeft < STOCK_HORIZON_HOURS);
	const [items, posts] = runningOut.length
		? await Promise.all([
				db.item.findMany({
					where: { id: { in: runningOut.map((r) => r.itemId) } },
					select: { id: true, name: true, unit: true }
				}),
				db.post.findMany({
					where: { id: { in: runningOut.map((r) => r.postId) } },
					select: { id: true, name: true }
				})
			])
		: [[], []];
	const stock = runningOut
		.map((row) => {
			const item = items.find((candidate) => candidate.id === row.itemId)!;
			return {
				...row,
				item: item.name,
				unit: item.unit,
				location: posts.find((post) => post.id === row.postId)!.name,
				hoursLeft: Math.round(row.hoursLeft! * 10) / 10
			};
		})
		.sort((a, b) => a.hoursLeft - b.hoursLeft);

	return {
		computedAt: now,
		zones: zoneRows,
		onDuty: {
			planned: zoneRows.reduce((t, z) => t + z.planned, 0),
			placed: zoneRows.reduce((t, z) => t + z.placed, 0),
			onDuty: zoneRows.reduce((t, z) => t + z.onDuty, 0)
		},
		gaps: {
			startingSoon,
			places: startingSoon.reduce((t, s) => t + s.missing, 0),
			notStarted
		},
		alerts: { open: openAlerts, byAge: byAge(openAlerts.map((a) => a.ageMinutes)) },
		reports: { open: openReports, byAge: byAge(openReports.map((r) => r.ageMinutes)) },
		stock,
		pods: pods
			.filter((pod) => pod.free === 0)
			.map((pod) => ({ id: pod.id, name: pod.name, capacity: pod.capacity, until: pod.slot.endsAt })),
		podsTotal: pods.length,
		broadcasts: broadcasts
			.filter((b) => b._count.notices > 0)
			.map((b) => ({
				id: b.id,
				title: b.title,
				sentAt: b.createdAt,
				recipients: b.recipientCount,
				waiting: b._count.notices
			}))
	};
}

export type CommandView = Awaited<ReturnType<typeof computeCommandView>>;

const cache = new Map<string, { at: number; view: Promise<CommandView> }>();

/** The command view of an operation, at most a second old. */
export function commandView(operationId: string, now = new Date()): Promise<CommandView> {
	const cached = cache.get(operationId);
	if (cached && now.getTime() - cached.at < CACHE_MS && now.getTime() >= cached.at) return cached.view;
	const view = computeCommandView(operationId, now);
	cache.set(operationId, { at: now.getTime(), view });
	view.catch(() => cache.delete(operationId));
	return view;
}

/**
 * What a wall display may show: the same figures without anyone's name (the link can be seen by
 * anyone in the room it hangs in, and photographed).
 */
export function wallView(view: CommandView) {
	return {
		...view,
		gaps: {
			...view.gaps,
			notStarted: view.gaps.notStarted.map(({ shiftId, place, startsAt }) => ({ shiftId, place, startsAt }))
		},
		alerts: {
			...view.alerts,
			open: view.alerts.open.map(({ id, kind, priority, place, raisedAt, ageMinutes }) => ({
				id,
				kind,
				priority,
				place,
				raisedAt,
				ageMinutes
			}))
		}
	};
}

/** The live-bus channel for changes only the command view shows (a wall link revoked). */
export const commandChannel = (operationId: string) => `command:${operationId}`;
