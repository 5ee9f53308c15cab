// The organizer's list of volunteers: search by name, email or phone and filter by status, zone,
// skill and language. Only the people the viewer may see are ever listed (operations/access.ts,
// peopleOf): an organizer's own operations and the pool of sign-ups no operation has taken yet.
import { db, dbTarget, type AccountStatus, type Role } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { peopleOf, type OperationActor } from '../operations/access';

export interface DirectoryFilter {
	q?: string;
	status?: AccountStatus;
	zoneId?: string;
	skill?: string;
	language?: string;
	operationId?: string;
	/** Whose accounts: volunteers by default; admins may list staff too ('ALL': everyone). */
	role?: Role | 'ALL';
}

export const PAGE_SIZE = 50;

/** SQLite's LIKE ignores case already; PostgreSQL needs to be told. */
const contains = (value: string) =>
	(dbTarget.provider === 'postgresql' ? { contains: value, mode: 'insensitive' } : { contains: value }) as {
		contains: string;
	};

/** Who `viewer` sees, narrowed by `filter`. */
export function directoryWhere(viewer: OperationActor, filter: DirectoryFilter): Prisma.UserWhereInput {
	return { AND: [peopleOf(viewer), filterWhere(filter)] };
}

function filterWhere(filter: DirectoryFilter): Prisma.UserWhereInput {
	const role = filter.role ?? 'VOLUNTEER';
	const where: Prisma.UserWhereInput = role === 'ALL' ? {} : { role };
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

export async function searchVolunteers(viewer: OperationActor, filter: DirectoryFilter, page = 1) {
	const where = directoryWhere(viewer, filter);
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
				profile: { select: { birthDate: true } },
				languages: { select: { code: true } },
				skills: { select: { skill: true, verifiedAt: true } },
				zonePreferences: { select: { zone: { select: { name: true } } } }
			}
		}),
		db.user.groupBy({
			by: ['status'],
			where: { AND: [peopleOf(viewer), { role: 'VOLUNTEER' }] },
			_count: { _all: true }
		})
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
