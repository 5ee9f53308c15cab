import { db } from '../db';
import { NotFoundError } from '../errors';
import { operationsOf, type OperationActor } from '../operations/access';
import { timeServed } from '../patrols/patrols';
import { HOLDING, ON_SHIFT } from '$lib/shifts/status';

/**
 * A person's shifts that have not ended yet, soonest first, with where and with whom. With a
 * `viewer` (an organizer looking at the profile), only those of the operations they work on.
 */
export async function upcomingShiftsFor(
	userId: string,
	now = new Date(),
	take = 10,
	viewer?: OperationActor
) {
	const assignments = await db.assignment.findMany({
		where: {
			userId,
			status: { in: [...ON_SHIFT] },
			shift: { endsAt: { gt: now }, ...(viewer ? { operation: operationsOf(viewer) } : {}) }
		},
		orderBy: { shift: { startsAt: 'asc' } },
		take,
		select: {
			id: true,
			status: true,
			requests: { where: { status: 'PENDING' }, select: { kind: true } },
			shift: {
				select: {
					id: true,
					title: true,
					startsAt: true,
					endsAt: true,
					instructions: true,
					operation: { select: { name: true, timezone: true } },
					route: {
						select: {
							id: true,
							name: true,
							zone: { select: { name: true } },
							_count: { select: { checkpoints: true } }
						}
					},
					post: { select: { id: true, name: true, zone: { select: { name: true } } } },
					leader: { select: { name: true } }
				}
			}
		}
	});
	return assignments.map(({ id, status, requests, shift }) => ({
		assignmentId: id,
		status,
		pendingRequest: requests[0]?.kind ?? null,
		...shift,
		onNow: shift.startsAt <= now,
		route: shift.route && {
			id: shift.route.id,
			name: shift.route.name,
			zone: shift.route.zone.name,
			checkpoints: shift.route._count.checkpoints
		}
	}));
}

/** Shifts the person is waiting for a place on. */
export async function waitlistedShiftsFor(userId: string, now = new Date()) {
	const rows = await db.assignment.findMany({
		where: { userId, status: 'WAITLISTED', shift: { startsAt: { gt: now } } },
		orderBy: { shift: { startsAt: 'asc' } },
		select: {
			shift: {
				select: {
					id: true,
					title: true,
					startsAt: true,
					endsAt: true,
					operation: { select: { timezone: true } },
					route: { select: { name: true } },
					post: { select: { name: true } }
				}
			}
		}
	});
	return rows.map((row) => row.shift);
}

/**
 * Hours served, for the person's home and their profile: from each shift's actual start to its
 * actual end (the times the person started and ended it), not the rota. No-shows count nothing.
 */
export async function hoursServed(userId: string): Promise<{ hours: number; shifts: number }> {
	const { minutes, shifts } = await timeServed(userId);
	return { hours: Math.round(minutes / 6) / 10, shifts };
}

/**
 * One shift as a volunteer sees it: where, when, the team, their own place on it. Phones and
 * emergency contacts appear only for the shift's leader (the rule of volunteers/contact.ts).
 */
export async function shiftForVolunteer(viewerId: string, shiftId: string, now = new Date()) {
	const shift = await db.shift.findUnique({
		where: { id: shiftId },
		select: {
			id: true,
			title: true,
			startsAt: true,
			endsAt: true,
			headcount: true,
			instructions: true,
			minAge: true,
			leaderId: true,
			operationId: true,
			operation: { select: { name: true, timezone: true } },
			route: { select: { id: true, name: true, description: true, zone: { select: { name: true } } } },
			post: {
				select: { id: true, name: true, kind: true, description: true, zone: { select: { name: true } } }
			},
			leader: { select: { name: true } },
			requirements: { select: { kind: true, code: true } },
			assignments: {
				where: { status: { in: [...HOLDING] } },
				orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
				select: {
					id: true,
					status: true,
					userId: true,
					user: {
						select: {
							name: true,
							phone: true,
							profile: { select: { emergencyContactName: true, emergencyContactPhone: true } }
						}
					}
				}
			}
		}
	});
	if (!shift) throw new NotFoundError('shift');
	const { assignments, leaderId, ...rest } = shift;
	const mine = assignments.find((a) => a.userId === viewerId);
	const leads = leaderId === viewerId && mine?.status !== 'WAITLISTED' && !!mine;
	const request = mine
		? await db.shiftRequest.findFirst({
				where: { assignmentId: mine.id, status: 'PENDING' },
				select: { id: true, kind: true, targetShift: { select: { startsAt: true } } }
			})
		: null;
	const team = assignments
		.filter((a) => a.status !== 'WAITLISTED')
		.map((a) => ({
			id: a.userId,
			name: a.user.name,
			isLeader: a.userId === leaderId,
			phone: leads ? a.user.phone : null,
			emergency: leads && a.user.profile?.emergencyContactPhone ? a.user.profile : null
		}));
	return {
		...rest,
		myStatus: mine?.status ?? null,
		iLead: leads,
		request,
		team,
		free: Math.max(0, shift.headcount - team.length),
		waitlisted: assignments.length - team.length,
		started: shift.startsAt <= now
	};
}
