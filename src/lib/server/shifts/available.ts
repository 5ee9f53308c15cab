// "Shifts I can take": open shifts a volunteer qualifies for and that fit their roster, as a list
// for a phone (by day and zone), worked out with the same rules that guard the sign-up itself.
import { zonedDate } from '$lib/time';
import { db } from '../db';
import { qualificationProblem, scheduleProblem } from './rules';
import { ON_SHIFT } from '$lib/shifts/status';

export interface AvailableFilter {
	operationId: string;
	/** A date in the operation's timezone. */
	day?: string;
	zoneId?: string;
	/** Also list full shifts, whose waitlist the person could join. */
	includeFull?: boolean;
}

export async function shiftsICanTake(userId: string, filter: AvailableFilter, now = new Date()) {
	const operation = await db.operation.findUnique({ where: { id: filter.operationId } });
	if (!operation) return { days: [], shifts: [] };
	const [person, rows] = await Promise.all([
		db.user.findUniqueOrThrow({
			where: { id: userId },
			select: {
				profile: { select: { birthDate: true } },
				skills: { select: { skill: true, verifiedAt: true } },
				languages: { select: { code: true } },
				assignments: {
					where: { status: { in: [...ON_SHIFT, 'COMPLETED', 'WAITLISTED'] }, shift: { endsAt: { gt: now } } },
					select: { status: true, shiftId: true, shift: { select: { startsAt: true, endsAt: true } } }
				}
			}
		}),
		db.shift.findMany({
			where: {
				operationId: operation.id,
				startsAt: { gt: now },
				...(filter.zoneId
					? { OR: [{ route: { zoneId: filter.zoneId } }, { post: { zoneId: filter.zoneId } }] }
					: {})
			},
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			select: {
				id: true,
				title: true,
				startsAt: true,
				endsAt: true,
				headcount: true,
				minAge: true,
				route: { select: { name: true, zone: { select: { id: true, name: true } } } },
				post: { select: { name: true, kind: true, zone: { select: { id: true, name: true } } } },
				requirements: { select: { kind: true, code: true } },
				_count: { select: { assignments: { where: { status: { in: [...ON_SHIFT] } } } } }
			}
		})
	]);
	const rules = {
		timezone: operation.timezone,
		minRestMinutes: operation.minRestMinutes,
		maxMinutesPerDay: operation.maxMinutesPerDay
	};
	const qualifications = {
		skills: person.skills.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
		languages: person.languages.map((l) => l.code),
		birthDate: person.profile?.birthDate ?? null
	};
	const mine = new Set(person.assignments.map((a) => a.shiftId));
	const schedule = person.assignments.filter((a) => a.status !== 'WAITLISTED').map((a) => a.shift);
	const days = new Set<string>();
	const shifts = [];
	for (const { _count, requirements, ...shift } of rows) {
		if (mine.has(shift.id)) continue;
		const required = {
			skills: requirements.filter((r) => r.kind === 'SKILL').map((r) => r.code),
			languages: requirements.filter((r) => r.kind === 'LANGUAGE').map((r) => r.code),
			minAge: shift.minAge
		};
		if (qualificationProblem(qualifications, required, shift.startsAt)) continue;
		if (scheduleProblem(shift, schedule, rules)) continue;
		const free = shift.headcount - _count.assignments;
		if (free <= 0 && !filter.includeFull) continue;
		const day = zonedDate(shift.startsAt, operation.timezone);
		days.add(day);
		if (filter.day && day !== filter.day) continue;
		shifts.push({ ...shift, free: Math.max(0, free), requirements, day });
	}
	return { days: [...days].sort(), shifts, timezone: operation.timezone };
}
