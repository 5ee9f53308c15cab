// The daily briefing: how an operation went on one day (or from its start to now), in the event's
// timezone, section by section, with the day before for comparison. It reads the records as they
// are (shifts and assignments, patrols and check-ins, reports, alerts, broadcasts, the ledger,
// pod bookings); nothing is kept for it. The definitions of late, early, gaps and blind spots are
// in rules.ts; alert-like sections read alerts.ts, the one place that knows where alerts live.
import { addDays, zonedTime } from '$lib/time';
import { db, type ReportCategory, type ReportSeverity } from '../db';
import { supplyReport } from '../logistics/report';
import { alertsRaised, EMERGENCY_KINDS, RECORDED_KINDS, spotChecks, type AlertFact } from './alerts';
import {
	BLIND_SPOT_MINUTES,
	clip,
	coverPerHour,
	hourly,
	isLate,
	leftEarly,
	longestGap,
	median,
	minutesBetween,
	type Window
} from './rules';
import { PLACED } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

const HOUR = 3_600_000;
/** People placed on a shift (waitlisted and dropped people are not). */
const CATEGORIES: ReportCategory[] = [
	'SUSPICIOUS_ACTIVITY',
	'LOST_PERSON',
	'LOST_PROPERTY',
	'MEDICAL',
	'CROWD',
	'TRAFFIC',
	'FACILITY',
	'OTHER'
];
const SEVERITIES: ReportSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export interface BriefingOperation {
	id: string;
	name: string;
	timezone: string;
	startsAt: Date;
	endsAt: Date;
}

export interface Period {
	/** The calendar day in the operation's timezone, or null for the whole operation to date. */
	day: string | null;
	from: Date;
	to: Date;
	/** What the figures know up to: `to`, or now while the period is still running. */
	asOf: Date;
}

const earlier = (a: Date, b: Date) => (a < b ? a : b);

/** One calendar day in the operation's timezone. */
export function dayPeriod(operation: BriefingOperation, day: string, now = new Date()): Period {
	const from = zonedTime(day, '00:00', operation.timezone);
	const to = zonedTime(addDays(day, 1), '00:00', operation.timezone);
	return { day, from, to, asOf: now > from ? earlier(now, to) : from };
}

/** From the operation's start to now (or its end). */
export function wholePeriod(operation: BriefingOperation, now = new Date()): Period {
	const to = now > operation.startsAt ? earlier(now, operation.endsAt) : operation.startsAt;
	return { day: null, from: operation.startsAt, to, asOf: to };
}

const count = <T>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length;
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export async function briefing(operation: BriefingOperation, period: Period) {
	const { from, to, asOf } = period;
	const during = { gte: from, lt: to };
	const operationId = operation.id;
	const [shifts, routes, checkIns, reports, alerts, checks, broadcasts, supplies, balances, after] =
		await Promise.all([
			db.shift.findMany({
				where: { operationId, startsAt: during },
				orderBy: { startsAt: 'asc' },
				select: {
					id: true,
					title: true,
					startsAt: true,
					endsAt: true,
					headcount: true,
					route: {
						select: { id: true, name: true, expectedIntervalMinutes: true, zone: { select: { name: true } } }
					},
					post: { select: { id: true, name: true, zone: { select: { name: true } } } },
					assignments: {
						where: { status: { in: PLACED } },
						select: {
							userId: true,
							status: true,
							patrol: { select: { startedAt: true, endedAt: true, autoEnded: true } }
						}
					}
				}
			}),
			db.route.findMany({
				where: { operationId },
				select: {
					id: true,
					name: true,
					zone: { select: { name: true } },
					checkpoints: { orderBy: { position: 'asc' }, select: { id: true, name: true, code: true } }
				}
			}),
			db.checkIn.findMany({
				where: { happenedAt: during, patrol: { operationId } },
				select: {
					routeId: true,
					checkpointId: true,
					happenedAt: true,
					outOfOrder: true,
					far: true,
					wrongRoute: true
				}
			}),
			db.fieldReport.findMany({
				where: { operationId, happenedAt: during },
				select: {
					category: true,
					severity: true,
					status: true,
					happenedAt: true,
					receivedAt: true,
					notes: {
						where: { status: { not: null } },
						orderBy: { createdAt: 'asc' },
						select: { status: true, createdAt: true }
					}
				}
			}),
			alertsRaised(operationId, from, to),
			spotChecks(operationId, from, to),
			broadcastFigures(operationId, from, to),
			supplyReport(operation, from, to),
			db.stockBalance.groupBy({
				by: ['itemId', 'postId'],
				where: { item: { operationId } },
				_sum: { quantity: true }
			}),
			db.stockMovement.groupBy({
				by: ['itemId', 'fromPostId', 'toPostId'],
				where: { operationId, createdAt: { gte: asOf } },
				_sum: { quantity: true }
			})
		]);

	const zoneOf = (shift: (typeof shifts)[number]) => shift.route?.zone.name ?? shift.post?.zone?.name ?? '';
	const placeOf = (shift: (typeof shifts)[number]) => shiftName(shift);

	// Shifts and attendance, by zone and place.
	type PlaceRow = {
		zone: string;
		place: string;
		shifts: number;
		planned: number;
		filled: number;
		short: number;
		present: number;
		late: number;
		noShow: number;
		leftEarly: number;
		minutes: number;
	};
	const places = new Map<string, PlaceRow>();
	const onDutyAt = new Map<string, Set<string>>();
	for (const shift of shifts) {
		const zone = zoneOf(shift);
		const place = placeOf(shift);
		const key = `${zone}\u0000${place}`;
		const row = places.get(key) ?? {
			zone,
			place,
			shifts: 0,
			planned: 0,
			filled: 0,
			short: 0,
			present: 0,
			late: 0,
			noShow: 0,
			leftEarly: 0,
			minutes: 0
		};
		row.shifts++;
		row.planned += shift.headcount;
		row.filled += shift.assignments.length;
		row.short += Math.max(0, shift.headcount - shift.assignments.length);
		const people = onDutyAt.get(place) ?? new Set<string>();
		for (const assignment of shift.assignments) {
			const patrol = assignment.patrol;
			const present = patrol !== null || assignment.status === 'PRESENT' || assignment.status === 'COMPLETED';
			if (present) {
				row.present++;
				people.add(assignment.userId);
			} else if (assignment.status === 'NO_SHOW' || shift.endsAt <= asOf) row.noShow++;
			if (patrol && isLate(shift.startsAt, patrol.startedAt)) row.late++;
			if (patrol && leftEarly(shift.endsAt, patrol)) row.leftEarly++;
			if (patrol?.endedAt) row.minutes += minutesBetween(patrol.startedAt, patrol.endedAt);
		}
		onDutyAt.set(place, people);
		places.set(key, row);
	}
	const placeRows = [...places.values()]
		.map((row) => ({ ...row, minutes: Math.round(row.minutes) }))
		.sort((a, b) => a.zone.localeCompare(b.zone) || a.place.localeCompare(b.place));
	const sum = (key: keyof Omit<PlaceRow, 'zone' | 'place'>) =>
		placeRows.reduce((total, row) => total + row[key], 0);

	// Patrol coverage, per route that had a shift in the period.
	const routeShifts = new Map<string, (typeof shifts)[number][]>();
	for (const shift of shifts) {
		if (shift.route) routeShifts.set(shift.route.id, [...(routeShifts.get(shift.route.id) ?? []), shift]);
	}
	const visitsAt = new Map<string, Date[]>();
	for (const checkIn of checkIns) {
		if (!checkIn.checkpointId) continue;
		visitsAt.set(checkIn.checkpointId, [...(visitsAt.get(checkIn.checkpointId) ?? []), checkIn.happenedAt]);
	}
	const gaps: {
		routeId: string;
		route: string;
		zone: string;
		checkpoint: string;
		code: string;
		from: Date;
		to: Date;
		minutes: number;
	}[] = [];
	const routeRows = routes
		.filter((route) => routeShifts.has(route.id))
		.map((route) => {
			const own = routeShifts.get(route.id)!;
			const windows = own
				.map((shift) => clip({ from: shift.startsAt, to: shift.endsAt }, from, asOf))
				.filter((window): window is Window => window !== null);
			for (const checkpoint of route.checkpoints) {
				const gap = longestGap(windows, visitsAt.get(checkpoint.id) ?? []);
				if (gap) {
					gaps.push({
						routeId: route.id,
						route: route.name,
						zone: route.zone.name,
						checkpoint: checkpoint.name,
						code: checkpoint.code,
						...gap,
						minutes: Math.round(gap.minutes)
					});
				}
			}
			const onRoute = checkIns.filter((checkIn) => checkIn.routeId === route.id);
			const interval = own[0].route!.expectedIntervalMinutes;
			return {
				routeId: route.id,
				route: route.name,
				zone: route.zone.name,
				checkpoints: route.checkpoints.length,
				visited: new Set(onRoute.map((checkIn) => checkIn.checkpointId)).size,
				// Each person on a shift is expected at a checkpoint once per interval of the route.
				plannedVisits: own.reduce(
					(total, shift) =>
						total + shift.headcount * Math.floor(minutesBetween(shift.startsAt, shift.endsAt) / interval),
					0
				),
				visits: onRoute.length
			};
		})
		.sort((a, b) => a.zone.localeCompare(b.zone) || a.route.localeCompare(b.route));
	gaps.sort((a, b) => b.minutes - a.minutes || a.checkpoint.localeCompare(b.checkpoint));

	// Field reports.
	const firstNote = (notes: { status: string | null; createdAt: Date }[], statuses: string[]) =>
		notes.find((note) => note.status && statuses.includes(note.status))?.createdAt;
	const toAcknowledge = reports
		.map((report) => ({ report, at: firstNote(report.notes, ['ACKNOWLEDGED', 'RESOLVED']) }))
		.filter((row) => row.at)
		.map((row) => minutesBetween(row.report.receivedAt, row.at!));
	const toResolve = reports
		.map((report) => ({ report, at: firstNote(report.notes, ['RESOLVED']) }))
		.filter((row) => row.at)
		.map((row) => minutesBetween(row.report.receivedAt, row.at!));

	// Hour by hour, for the day's chart.
	const hours = Math.round(
		(period.day
			? zonedTime(addDays(period.day, 1), '00:00', operation.timezone).getTime() - from.getTime()
			: 0) / HOUR
	);
	const patrolWindows = shifts.flatMap((shift) =>
		shift.assignments
			.map((assignment) => assignment.patrol)
			.filter((patrol) => patrol !== null)
			.map((patrol) => ({ from: patrol.startedAt, to: patrol.endedAt ?? asOf }))
	);

	// Rates are per day of the period so far (at least an hour, so one early movement is no trend).
	const periodDays = Math.max(1 / 24, minutesBetween(from, asOf) / (24 * 60));
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		period,
		shifts: {
			rows: placeRows.map(({ zone, place, shifts, planned, filled, short }) => ({
				zone,
				place,
				shifts,
				planned,
				filled,
				short
			})),
			totals: { shifts: sum('shifts'), planned: sum('planned'), filled: sum('filled'), short: sum('short') }
		},
		attendance: {
			rows: placeRows.map(({ zone, place, filled, present, late, noShow, leftEarly, minutes }) => ({
				zone,
				place,
				placed: filled,
				present,
				late,
				noShow,
				leftEarly,
				minutes
			})),
			totals: {
				placed: sum('filled'),
				present: sum('present'),
				late: sum('late'),
				noShow: sum('noShow'),
				leftEarly: sum('leftEarly'),
				minutes: placeRows.reduce((total, row) => total + row.minutes, 0)
			}
		},
		patrols: {
			routes: routeRows,
			totals: {
				checkpoints: routeRows.reduce((t, r) => t + r.checkpoints, 0),
				visited: routeRows.reduce((t, r) => t + r.visited, 0),
				plannedVisits: routeRows.reduce((t, r) => t + r.plannedVisits, 0),
				visits: routeRows.reduce((t, r) => t + r.visits, 0)
			},
			longestGaps: gaps.slice(0, 10),
			blindSpots: gaps.filter((gap) => gap.minutes >= BLIND_SPOT_MINUTES),
			blindSpotMinutes: BLIND_SPOT_MINUTES,
			flagged: {
				checkIns: count(checkIns, (c) => c.outOfOrder || c.far || c.wrongRoute),
				outOfOrder: count(checkIns, (c) => c.outOfOrder),
				far: count(checkIns, (c) => c.far),
				wrongRoute: count(checkIns, (c) => c.wrongRoute)
			},
			spotChecks: checks && {
				requested: checks.length,
				onTime: count(checks, (c) => c.result === 'ON_TIME'),
				late: count(checks, (c) => c.result === 'LATE'),
				failed: count(checks, (c) => c.result === 'FAILED'),
				declined: count(checks, (c) => c.result === 'DECLINED')
			}
		},
		reports: {
			total: reports.length,
			open: count(reports, (report) => report.status !== 'RESOLVED'),
			byCategory: CATEGORIES.map((category) => ({
				category,
				count: count(reports, (report) => report.category === category)
			})).filter((row) => row.count > 0),
			bySeverity: SEVERITIES.map((severity) => ({
				severity,
				count: count(reports, (report) => report.severity === severity)
			})),
			acknowledged: toAcknowledge.length,
			medianMinutesToAcknowledge: round1(median(toAcknowledge)),
			longestMinutesToAcknowledge: round1(toAcknowledge.length ? Math.max(...toAcknowledge) : null),
			resolved: toResolve.length,
			medianMinutesToResolve: round1(median(toResolve)),
			longestMinutesToResolve: round1(toResolve.length ? Math.max(...toResolve) : null)
		},
		alerts: alertFigures(alerts),
		broadcasts,
		supplies: {
			items: supplies.byItem.flatMap((item) =>
				item.byLocation.map((row) => {
					const people = onDutyAt.get(row.location)?.size ?? 0;
					return {
						item: item.name,
						unit: item.unit,
						place: row.location,
						quantity: row.quantity,
						onDuty: people,
						perPerson: people ? round1(row.quantity / people) : null
					};
				})
			),
			meals: supplies.meals.byPlace.map((row) => {
				const people = onDutyAt.get(row.place)?.size ?? 0;
				return {
					place: row.place,
					served: row.count,
					onDuty: people,
					perPerson: people ? round1(row.count / people) : null
				};
			}),
			mealsServed: supplies.meals.served
		},
		stock: stockFigures(supplies.stock, balances, after, periodDays),
		pods: supplies.pods,
		requests: supplies.requests,
		hourly:
			hours > 0
				? {
						checkIns: hourly(
							from,
							hours,
							checkIns.map((c) => c.happenedAt)
						),
						reports: hourly(
							from,
							hours,
							reports.map((r) => r.happenedAt)
						),
						onDuty: coverPerHour(from, hours, patrolWindows)
					}
				: null
	};
}

export type Briefing = Awaited<ReturnType<typeof briefing>>;

function alertFigures(alerts: AlertFact[]) {
	const response = (alert: AlertFact) => alert.acknowledgedAt ?? alert.resolvedAt;
	const kinds = [...new Set([...RECORDED_KINDS, ...alerts.map((alert) => alert.kind)])];
	const byKind = kinds.map((kind) => {
		const own = alerts.filter((alert) => alert.kind === kind);
		const answered = own
			.filter((alert) => response(alert))
			.map((alert) => minutesBetween(alert.raisedAt, response(alert)!));
		return {
			kind,
			raised: own.length,
			resolved: count(own, (alert) => alert.resolvedAt !== null),
			escalated: count(own, (alert) => alert.escalations > 0),
			medianMinutesToRespond: round1(median(answered)),
			longestMinutesToRespond: round1(answered.length ? Math.max(...answered) : null)
		};
	});
	return {
		byKind,
		raised: alerts.length,
		resolved: count(alerts, (alert) => alert.resolvedAt !== null),
		/** SOS and welfare checks have their own section once the source records them. */
		emergencies: EMERGENCY_KINDS.some((kind) => RECORDED_KINDS.includes(kind))
			? byKind.filter((row) => EMERGENCY_KINDS.includes(row.kind))
			: null
	};
}

async function broadcastFigures(operationId: string, from: Date, to: Date) {
	const broadcasts = await db.broadcast.findMany({
		where: { operationId, createdAt: { gte: from, lt: to } },
		orderBy: { createdAt: 'asc' },
		select: { id: true, title: true, createdAt: true, recipientCount: true, requireAck: true }
	});
	const ids = broadcasts.map((b) => b.id);
	const grouped = (where: object) =>
		db.notice.groupBy({
			by: ['broadcastId'],
			where: { broadcastId: { in: ids }, ...where },
			_count: { _all: true }
		});
	const [delivered, read, acknowledged] = ids.length
		? await Promise.all([
				grouped({ deliveries: { some: { status: 'SENT' } } }),
				grouped({ readAt: { not: null } }),
				grouped({ acknowledgedAt: { not: null } })
			])
		: [[], [], []];
	const of = (rows: { broadcastId: string | null; _count: { _all: number } }[], id: string) =>
		rows.find((row) => row.broadcastId === id)?._count._all ?? 0;
	const rows = broadcasts.map((b) => ({
		id: b.id,
		title: b.title,
		sentAt: b.createdAt,
		requireAck: b.requireAck,
		recipients: b.recipientCount,
		delivered: of(delivered, b.id),
		read: of(read, b.id),
		acknowledged: of(acknowledged, b.id)
	}));
	const total = (key: 'recipients' | 'delivered' | 'read' | 'acknowledged', onlyAck = false) =>
		rows.filter((row) => !onlyAck || row.requireAck).reduce((t, row) => t + row[key], 0);
	const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : null);
	return {
		rows,
		totals: {
			sent: rows.length,
			recipients: total('recipients'),
			delivered: total('delivered'),
			read: total('read'),
			acknowledged: total('acknowledged')
		},
		deliveryRate: rate(total('delivered'), total('recipients')),
		readRate: rate(total('read'), total('recipients')),
		acknowledgementRate: rate(total('acknowledged', true), total('recipients', true))
	};
}

type StockLines = Awaited<ReturnType<typeof supplyReport>>['stock'];

/**
 * Stock at the end of the period (what the balances hold now, less what arrived since, plus
 * what left since), what the period used, and when it runs out at that rate.
 */
function stockFigures(
	lines: StockLines,
	balances: { itemId: string; postId: string; _sum: { quantity: number | null } }[],
	after: {
		itemId: string;
		fromPostId: string | null;
		toPostId: string | null;
		_sum: { quantity: number | null };
	}[],
	periodDays: number
) {
	const end = new Map(balances.map((b) => [`${b.itemId}:${b.postId}`, b._sum.quantity ?? 0]));
	for (const move of after) {
		const quantity = move._sum.quantity ?? 0;
		if (move.toPostId)
			end.set(
				`${move.itemId}:${move.toPostId}`,
				(end.get(`${move.itemId}:${move.toPostId}`) ?? 0) - quantity
			);
		if (move.fromPostId)
			end.set(
				`${move.itemId}:${move.fromPostId}`,
				(end.get(`${move.itemId}:${move.fromPostId}`) ?? 0) + quantity
			);
	}
	return lines
		.map((line) => {
			const used = line.transferredOut + line.issued + line.wasted + Math.max(0, -line.adjusted);
			const atEnd = end.get(`${line.itemId}:${line.postId}`) ?? 0;
			const perDay = used / periodDays;
			return {
				itemId: line.itemId,
				item: line.item,
				unit: line.unit,
				postId: line.postId,
				location: line.location,
				atEnd,
				used,
				perDay: Math.round(perDay),
				/** Hours the stock lasts at the period's rate; null when nothing was used. */
				hoursLeft: perDay > 0 ? round1((atEnd / perDay) * 24) : null,
				runsOutTomorrow: perDay > 0 && atEnd < perDay
			};
		})
		.sort((a, b) => Number(b.runsOutTomorrow) - Number(a.runsOutTomorrow) || a.item.localeCompare(b.item));
}

/** The figures the day is compared on, and how they moved against the day before. */
export function headline(b: Briefing) {
	return {
		planned: b.shifts.totals.planned,
		filled: b.shifts.totals.filled,
		short: b.shifts.totals.short,
		present: b.attendance.totals.present,
		noShow: b.attendance.totals.noShow,
		hours: Math.round(b.attendance.totals.minutes / 60),
		checkIns: b.patrols.totals.visits,
		reports: b.reports.total,
		alerts: b.alerts.raised,
		meals: b.supplies.mealsServed
	};
}

export type Headline = ReturnType<typeof headline>;

export function comparison(today: Headline, before: Headline | null) {
	return Object.fromEntries(
		(Object.keys(today) as (keyof Headline)[]).map((key) => [key, before ? today[key] - before[key] : null])
	) as Record<keyof Headline, number | null>;
}

/** A day's briefing with the day before's headline figures beside it. */
export async function dailyBriefing(operation: BriefingOperation, day: string, now = new Date()) {
	const [today, before] = await Promise.all([
		briefing(operation, dayPeriod(operation, day, now)),
		briefing(operation, dayPeriod(operation, addDays(day, -1), now))
	]);
	return { ...today, headline: headline(today), change: comparison(headline(today), headline(before)) };
}

/** The whole operation to date (nothing to compare with). */
export async function operationBriefing(operation: BriefingOperation, now = new Date()) {
	const whole = await briefing(operation, wholePeriod(operation, now));
	return { ...whole, headline: headline(whole), change: comparison(headline(whole), null) };
}

export type BriefingView = Awaited<ReturnType<typeof dailyBriefing>>;
