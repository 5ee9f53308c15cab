import { db } from '../db';

/** A person's shifts that have not ended yet, soonest first, with where and with whom. */
export async function upcomingShiftsFor(userId: string, now = new Date(), take = 10) {
	const assignments = await db.assignment.findMany({
		where: {
			userId,
			status: { in: ['ASSIGNED', 'PRESENT'] },
			shift: { endsAt: { gt: now } }
		},
		orderBy: { shift: { startsAt: 'asc' } },
		take,
		select: {
			id: true,
			status: true,
			shift: {
				select: {
					id: true,
					title: true,
					startsAt: true,
					endsAt: true,
					instructions: true,
					operation: { select: { name: true, timezone: true } },
					route: { select: { id: true, name: true, _count: { select: { checkpoints: true } } } },
					post: { select: { id: true, name: true } },
					leader: { select: { name: true } }
				}
			}
		}
	});
	return assignments.map(({ id, status, shift }) => ({
		assignmentId: id,
		status,
		...shift,
		onNow: shift.startsAt <= now,
		route: shift.route && {
			id: shift.route.id,
			name: shift.route.name,
			checkpoints: shift.route._count.checkpoints
		}
	}));
}
