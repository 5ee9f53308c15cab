// Each section of the briefing as its own CSV: one row per line of the section's table, numbers
// as numbers (quantities in the item's unit), so a spreadsheet adds them up to the page's totals.
import { fromSteps } from '$lib/logistics/units';
import { toCsv, type CsvCell } from '../csv';
import type { Briefing } from './briefing';

export const SECTIONS = [
	'shifts',
	'attendance',
	'patrols',
	'gaps',
	'reports',
	'alerts',
	'broadcasts',
	'supplies',
	'meals',
	'stock',
	'pods'
] as const;
export type Section = (typeof SECTIONS)[number];

export const isSection = (value: string): value is Section => (SECTIONS as readonly string[]).includes(value);

const iso = (date: Date) => date.toISOString();

function table(b: Briefing, section: Section): [string[], CsvCell[][]] {
	switch (section) {
		case 'shifts':
			return [
				['zone', 'place', 'shifts', 'planned', 'filled', 'short'],
				b.shifts.rows.map((r) => [r.zone, r.place, r.shifts, r.planned, r.filled, r.short])
			];
		case 'attendance':
			return [
				['zone', 'place', 'placed', 'present', 'late', 'no_show', 'left_early', 'minutes_served'],
				b.attendance.rows.map((r) => [
					r.zone,
					r.place,
					r.placed,
					r.present,
					r.late,
					r.noShow,
					r.leftEarly,
					r.minutes
				])
			];
		case 'patrols':
			return [
				['zone', 'route', 'checkpoints', 'checkpoints_visited', 'visits_planned', 'visits'],
				b.patrols.routes.map((r) => [r.zone, r.route, r.checkpoints, r.visited, r.plannedVisits, r.visits])
			];
		case 'gaps':
			return [
				['zone', 'route', 'checkpoint', 'code', 'from', 'to', 'minutes', 'blind_spot'],
				b.patrols.longestGaps.map((g) => [
					g.zone,
					g.route,
					g.checkpoint,
					g.code,
					iso(g.from),
					iso(g.to),
					g.minutes,
					g.minutes >= b.patrols.blindSpotMinutes
				])
			];
		case 'reports':
			return [
				['measure', 'key', 'value'],
				[
					...b.reports.byCategory.map((r): CsvCell[] => ['category', r.category, r.count]),
					...b.reports.bySeverity.map((r): CsvCell[] => ['severity', r.severity, r.count]),
					['acknowledged', '', b.reports.acknowledged],
					['median_minutes_to_acknowledge', '', b.reports.medianMinutesToAcknowledge],
					['longest_minutes_to_acknowledge', '', b.reports.longestMinutesToAcknowledge],
					['resolved', '', b.reports.resolved],
					['median_minutes_to_resolve', '', b.reports.medianMinutesToResolve],
					['longest_minutes_to_resolve', '', b.reports.longestMinutesToResolve]
				]
			];
		case 'alerts':
			return [
				[
					'kind',
					'raised',
					'resolved',
					'escalated',
					'median_minutes_to_respond',
					'longest_minutes_to_respond'
				],
				b.alerts.byKind.map((r) => [
					r.kind,
					r.raised,
					r.resolved,
					r.escalated,
					r.medianMinutesToRespond,
					r.longestMinutesToRespond
				])
			];
		case 'broadcasts':
			return [
				['sent_at', 'title', 'require_ack', 'recipients', 'delivered', 'read', 'acknowledged'],
				b.broadcasts.rows.map((r) => [
					iso(r.sentAt),
					r.title,
					r.requireAck,
					r.recipients,
					r.delivered,
					r.read,
					r.acknowledged
				])
			];
		case 'supplies':
			return [
				['item', 'unit', 'place', 'quantity', 'people_on_duty', 'per_person'],
				b.supplies.items.map((r) => [
					r.item,
					r.unit,
					r.place,
					fromSteps(r.quantity, r.unit),
					r.onDuty,
					r.perPerson === null ? null : fromSteps(r.perPerson, r.unit)
				])
			];
		case 'meals':
			return [
				['place', 'served', 'people_on_duty', 'per_person'],
				b.supplies.meals.map((r) => [r.place, r.served, r.onDuty, r.perPerson])
			];
		case 'stock':
			return [
				['item', 'unit', 'location', 'at_end', 'used', 'per_day', 'hours_left', 'runs_out_tomorrow'],
				b.stock.map((r) => [
					r.item,
					r.unit,
					r.location,
					fromSteps(r.atEnd, r.unit),
					fromSteps(r.used, r.unit),
					fromSteps(r.perDay, r.unit),
					r.hoursLeft,
					r.runsOutTomorrow
				])
			];
		case 'pods':
			return [
				[
					'pod',
					'capacity',
					'booked',
					'used',
					'no_show',
					'cancelled',
					'minutes',
					'median_wait_minutes',
					'full_slots'
				],
				b.pods.map((r) => [
					r.name,
					r.capacity,
					r.booked,
					r.used,
					r.noShow,
					r.cancelled,
					r.minutes,
					r.medianWaitMinutes,
					r.fullSlots
				])
			];
	}
}

export function sectionCsv(b: Briefing, section: Section): string {
	const [fields, rows] = table(b, section);
	return toCsv(fields, rows);
}
