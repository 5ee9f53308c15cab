// The organizer's list of volunteers: search by name, email or phone and filter by status, zone,
// skill and language.
import { db, dbTarget, type AccountStatus } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';

export interface DirectoryFilter {
	q?: string;
	status?: AccountStatus;
	zoneId?: string;
	skill?: string;
	language?: string;
	operationId?: string;
}

export const PAGE_SIZE = 50;

/** SQLite's LIKE ignores case already; PostgreSQL needs to be told. */
const contains = (value: string) =>
	(dbTarget.provider === 'postgresql' ? { contains: value, mode: 'insensitive' } : { contains: value }) as {
		contains: string;
	};

export function directoryWhere(filter: DirectoryFilter): Prisma.UserWhereInput {
	const where: Prisma.UserWhereInput = { role: 'VOLUNTEER' };
	if (filter.status) where.status = filter.status;
	if (filter.q) {
		const q = filter.q.trim();
		where.OR = [
			{ name: contains(q) },
			{ email: contains(q.toLowerCase()) },
			{ phone: contains(q.replace(/[\s()-]/g, '')) }
		];
	}
	if (filter.zoneId) where.zonePreferences = { some: { zoneId: filter.zoneId } };
	if (filter.skill) where.skills = { some: { skill: filter.skill } };
	if (filter.language) where.languages = { some: { code: filter.language } };
	if (filter.operationId) where.memberships = { some: { operationId: filter.operationId } };
	return where;
}

export async function searchVolunteers(filter: DirectoryFilter, page = 1) {
	const where = directoryWhere(filter);
	const [total, people, counts] = await Promise.all([
		db.user.count({ where }),
		db.user.findMany({
			where,
			// Oldest sign-ups first while waiting for approval (fair queue), by name otherwise.
			orderBy: filter.status === 'PENDING' ? [{ createdAt: 'asc' }] : [{ name: 'asc' }, { id: 'asc' }],
			skip: (page - 1) * PAGE_SIZE,
			take: PAGE_SIZE,
			select: {
				id: true,
				name: true,
				email: true,
				phone: true,
				status: true,
				statusReason: true,
				createdAt: true,
				languages: { select: { code: true } },
				skills: { select: { skill: true, verifiedAt: true } },
				zonePreferences: { select: { zone: { select: { name: true } } } }
			}
		}),
		db.user.groupBy({ by: ['status'], where: { role: 'VOLUNTEER' }, _count: { _all: true } })
	]);
	return {
		total,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		people,
		byStatus: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<
			Record<AccountStatus, number>
		>
	};
}
