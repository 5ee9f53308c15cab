// Who an organizer can put on a shift: active members of the operation who qualify and whose
// roster it fits, those with the fewest shifts first (the same order the fill proposal uses).
import { db, dbTarget } from '../db';
import { NotFoundError } from '../errors';
import { qualificationProblem, scheduleProblem } from './rules';
import { requirementsOf } from './roster';
import { WORKING } from '$lib/shifts/status';

const DAY = 24 * 3_600_000;

export async function candidatesFor(shiftId: string, query = '', take = 30) {
	const shift = await db.shift.findUnique({
		where: { id: shiftId },
		include: { operation: true, requirements: true, assignments: { select: { userId: true, status: true } } }
	});
	if (!shift) throw new NotFoundError('shift');
	const excluded = shift.assignments.filter((a) => a.status !== 'DROPPED').map((a) => a.userId);
	const q = query.trim();
	const contains = (value: string) =>
		(dbTarget.provider === 'postgresql' ? { contains: value, mode: 'insensitive' } : { contains: value }) as {
			contains: string;
		};
	const people = await db.user.findMany({
		where: {
			status: 'ACTIVE',
			id: { notIn: excluded },
			memberships: { some: { operationId: shift.operationId } },
			role: { in: ['VOLUNTEER', 'LOGISTICS'] },
			...(q ? { OR: [{ name: contains(q) }, { email: contains(q.toLowerCase()) }] } : {})
		},
		orderBy: { name: 'asc' },
		take: 2000,
		select: {
			id: true,
			name: true,
			profile: { select: { birthDate: true } },
			skills: { select: { skill: true, verifiedAt: true } },
			languages: { select: { code: true } },
			assignments: {
				where: {
					status: { in: [...WORKING] },
					shift: {
						startsAt: { lt: new Date(shift.endsAt.getTime() + 2 * DAY) },
						endsAt: { gt: new Date(shift.startsAt.getTime() - 2 * DAY) }
					}
				},
				select: { shift: { select: { startsAt: true, endsAt: true } } }
			},
			_count: {
				select: {
					assignments: {
						where: {
							status: { in: [...WORKING] },
							shift: { operationId: shift.operationId }
						}
					}
				}
			}
		}
	});
	const rules = {
		timezone: shift.operation.timezone,
		minRestMinutes: shift.operation.minRestMinutes,
		maxMinutesPerDay: shift.operation.maxMinutesPerDay
	};
	const required = requirementsOf(shift);
	return people
		.filter(
			(person) =>
				!qualificationProblem(
					{
						skills: person.skills.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
						languages: person.languages.map((l) => l.code),
						birthDate: person.profile?.birthDate ?? null
					},
					required,
					shift.startsAt
				) &&
				!scheduleProblem(
					shift,
					person.assignments.map((a) => a.shift),
					rules
				)
		)
		.sort((a, b) => a._count.assignments - b._count.assignments || a.name.localeCompare(b.name))
		.slice(0, take)
		.map((person) => ({ id: person.id, name: person.name, shifts: person._count.assignments }));
}
