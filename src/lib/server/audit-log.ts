// Reading the audit log: who did what to what and when, for admins and organizers. Organizers see
// the entries of their operation; admins also those about no operation (accounts, roles).
import { addDays, zonedTime } from '$lib/time';
import { toCsv } from './csv';
import { db, type Role } from './db';
import type { Prisma } from './db/generated/sqlite/client';
import { shiftName } from '$lib/shifts/name';

export interface AuditFilter {
	actorId?: string;
	action?: string;
	/** Calendar days in the operation's timezone, inclusive. */
	from?: string;
	to?: string;
	/** Admins: entries about no operation (accounts and roles) instead of the operation's. */
	accounts?: boolean;
}

export const AUDIT_PAGE = 200;
/** The most rows one CSV export holds; narrow the filter for more. */
export const AUDIT_EXPORT_LIMIT = 20_000;

function whereOf(
	viewer: { role: Role },
	operation: { id: string; timezone: string },
	filter: AuditFilter
): Prisma.AuditEntryWhereInput {
	const accounts = filter.accounts === true && viewer.role === 'ADMIN';
	return {
		operationId: accounts ? null : operation.id,
		...(filter.actorId ? { actorId: filter.actorId } : {}),
		...(filter.action ? { action: filter.action } : {}),
		...(filter.from || filter.to
			? {
					createdAt: {
						...(filter.from ? { gte: zonedTime(filter.from, '00:00', operation.timezone) } : {}),
						...(filter.to ? { lt: zonedTime(addDays(filter.to, 1), '00:00', operation.timezone) } : {})
					}
				}
			: {})
	};
}

type Entry = {
	id: string;
	action: string;
	subjectType: string;
	subjectId: string;
	detail: string | null;
	createdAt: Date;
	actor: { id: string; name: string } | null;
};

/** Names for the subjects of a page of entries, one query per kind of subject. */
async function subjectNames(entries: Entry[]): Promise<Map<string, string>> {
	const ids = (type: string) => [
		...new Set(entries.filter((e) => e.subjectType === type).map((e) => e.subjectId))
	];
	const named = <T extends { id: string }>(rows: T[], name: (row: T) => string) =>
		rows.map((row) => [row.id, name(row)] as const);
	const [users, shifts, broadcasts, movements, zones, posts, routes, walls, operations] = await Promise.all([
		db.user.findMany({ where: { id: { in: ids('User') } }, select: { id: true, name: true } }),
		db.shift.findMany({
			where: { id: { in: ids('Shift') } },
			select: { id: true, title: true, route: { select: { name: true } }, post: { select: { name: true } } }
		}),
		db.broadcast.findMany({ where: { id: { in: ids('Broadcast') } }, select: { id: true, title: true } }),
		db.stockMovement.findMany({
			where: { id: { in: ids('StockMovement') } },
			select: { id: true, item: { select: { name: true } } }
		}),
		db.zone.findMany({ where: { id: { in: ids('Zone') } }, select: { id: true, name: true } }),
		db.post.findMany({ where: { id: { in: ids('Post') } }, select: { id: true, name: true } }),
		db.route.findMany({ where: { id: { in: ids('Route') } }, select: { id: true, name: true } }),
		db.wallLink.findMany({ where: { id: { in: ids('WallLink') } }, select: { id: true, label: true } }),
		db.operation.findMany({ where: { id: { in: ids('Operation') } }, select: { id: true, name: true } })
	]);
	return new Map([
		...named(users, (u) => u.name),
		...named(shifts, (s) => shiftName(s)),
		...named(broadcasts, (b) => b.title),
		...named(movements, (m) => m.item.name),
		...named(zones, (z) => z.name),
		...named(posts, (p) => p.name),
		...named(routes, (r) => r.name),
		...named(walls, (w) => w.label),
		...named(operations, (o) => o.name)
	]);
}

/** What an entry's detail says, as short "key: value" text. */
export function detailText(detail: string | null): string {
	if (!detail) return '';
	try {
		const parsed = JSON.parse(detail) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
			return Object.entries(parsed)
				.map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
				.join(', ');
		}
		return String(parsed);
	} catch {
		return detail;
	}
}

const select = {
	id: true,
	action: true,
	subjectType: true,
	subjectId: true,
	detail: true,
	createdAt: true,
	actor: { select: { id: true, name: true } }
} as const;

async function withNames(entries: Entry[]) {
	const names = await subjectNames(entries);
	return entries.map((entry) => ({
		id: entry.id,
		at: entry.createdAt,
		actor: entry.actor,
		action: entry.action,
		subjectType: entry.subjectType,
		subjectId: entry.subjectId,
		subject: names.get(entry.subjectId) ?? null,
		detail: detailText(entry.detail)
	}));
}

/** One page of entries, newest first; `before` is the id of the last entry of the page before. */
export async function auditLog(
	viewer: { role: Role },
	operation: { id: string; timezone: string },
	filter: AuditFilter,
	before?: string
) {
	const where = whereOf(viewer, operation, filter);
	const entries = await db.auditEntry.findMany({
		where,
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: AUDIT_PAGE + 1,
		...(before ? { cursor: { id: before }, skip: 1 } : {}),
		select
	});
	return { entries: await withNames(entries.slice(0, AUDIT_PAGE)), more: entries.length > AUDIT_PAGE };
}

/** Everything the filter matches, for the CSV export (at most AUDIT_EXPORT_LIMIT rows). */
export async function auditExport(
	viewer: { role: Role },
	operation: { id: string; timezone: string },
	filter: AuditFilter
) {
	const entries = await db.auditEntry.findMany({
		where: whereOf(viewer, operation, filter),
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: AUDIT_EXPORT_LIMIT,
		select
	});
	return withNames(entries);
}

/** The export as CSV (through the one CSV writer, which neutralises formula-like cells). */
export function auditCsv(entries: Awaited<ReturnType<typeof auditExport>>): string {
	return toCsv(
		['at', 'person', 'action', 'subject_type', 'subject_id', 'subject', 'detail'],
		entries.map((e) => [
			e.at.toISOString(),
			e.actor?.name ?? '',
			e.action,
			e.subjectType,
			e.subjectId,
			e.subject,
			e.detail
		])
	);
}

/** The people and actions that appear in the log, for the filter's choices. */
export async function auditChoices(
	viewer: { role: Role },
	operation: { id: string; timezone: string },
	accounts = false
) {
	const where = whereOf(viewer, operation, { accounts });
	const [actors, actions] = await Promise.all([
		db.auditEntry.groupBy({ by: ['actorId'], where: { ...where, actorId: { not: null } } }),
		db.auditEntry.groupBy({ by: ['action'], where, orderBy: { action: 'asc' } })
	]);
	const people = await db.user.findMany({
		where: { id: { in: actors.map((row) => row.actorId!) } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
	return { people, actions: actions.map((row) => row.action) };
}
