// The patrol view a volunteer's phone keeps (see $lib/patrol-view): their shifts around now with
// route, checkpoints and patrol, the operation's checkpoint codes, and their recent reports.
import type { PatrolView, ViewCheckIn } from '$lib/patrol-view';
import { db } from '../db';
import { minutesServed } from './patrols';

const HOUR = 60 * 60_000;

const iso = (date: Date) => date.toISOString();

export async function patrolViewFor(userId: string, now = new Date()): Promise<PatrolView> {
	const assignments = await db.assignment.findMany({
		where: {
			userId,
			status: { in: ['ASSIGNED', 'PRESENT', 'COMPLETED', 'NO_SHOW'] },
			shift: { endsAt: { gt: new Date(now.getTime() - 12 * HOUR) } }
		},
		orderBy: { shift: { startsAt: 'asc' } },
		take: 6,
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
					operation: { select: { id: true, name: true, timezone: true } },
					route: {
						select: {
							id: true,
							name: true,
							expectedIntervalMinutes: true,
							zone: { select: { name: true } },
							checkpoints: {
								orderBy: { position: 'asc' },
								select: {
									id: true,
									position: true,
									name: true,
									code: true,
									lat: true,
									lng: true,
									instructions: true
								}
							}
						}
					},
					post: { select: { name: true } },
					leader: { select: { name: true, phone: true } }
				}
			},
			patrol: {
				select: {
					id: true,
					startedAt: true,
					endedAt: true,
					autoEnded: true,
					handoverNote: true,
					checkIns: {
						orderBy: { happenedAt: 'desc' },
						take: 100,
						select: {
							id: true,
							checkpointId: true,
							checkpointName: true,
							checkpointPosition: true,
							routeId: true,
							method: true,
							happenedAt: true,
							receivedAt: true,
							clockOffsetSeconds: true,
							outOfOrder: true,
							far: true,
							wrongRoute: true,
							distanceMetres: true
						}
					}
				}
			}
		}
	});
	const operationIds = [...new Set(assignments.map((a) => a.shift.operation.id))];
	const [codes, reports, minutes, leading] = await Promise.all([
		db.checkpoint.findMany({
			where: { operationId: { in: operationIds } },
			select: {
				id: true,
				code: true,
				name: true,
				position: true,
				routeId: true,
				route: { select: { name: true } }
			}
		}),
		db.fieldReport.findMany({
			where: { userId },
			orderBy: { happenedAt: 'desc' },
			take: 10,
			select: {
				id: true,
				category: true,
				severity: true,
				status: true,
				text: true,
				hasPhoto: true,
				happenedAt: true
			}
		}),
		minutesServed(userId),
		ledShiftsAround(userId, now)
	]);
	return {
		userId,
		fetchedAt: iso(now),
		shifts: assignments.map(({ id, status, shift, patrol }) => ({
			assignmentId: id,
			status,
			shiftId: shift.id,
			title: shift.title,
			startsAt: iso(shift.startsAt),
			endsAt: iso(shift.endsAt),
			instructions: shift.instructions,
			operation: shift.operation,
			route: shift.route && {
				id: shift.route.id,
				name: shift.route.name,
				zoneName: shift.route.zone.name,
				expectedIntervalMinutes: shift.route.expectedIntervalMinutes,
				checkpoints: shift.route.checkpoints
			},
			post: shift.post,
			leader: shift.leader,
			patrol: patrol && {
				id: patrol.id,
				startedAt: iso(patrol.startedAt),
				endedAt: patrol.endedAt && iso(patrol.endedAt),
				autoEnded: patrol.autoEnded,
				handoverNote: patrol.handoverNote,
				checkIns: patrol.checkIns.map((c): ViewCheckIn => ({
					...c,
					happenedAt: iso(c.happenedAt),
					receivedAt: iso(c.receivedAt)
				}))
			}
		})),
		codes: codes.map((c) => ({
			code: c.code,
			checkpointId: c.id,
			routeId: c.routeId,
			routeName: c.route.name,
			name: c.name,
			position: c.position
		})),
		reports: reports.map((r) => ({ ...r, happenedAt: iso(r.happenedAt) })),
		minutesServed: minutes,
		leading
	};
}

/** Shifts a person leads that run within an hour of now: the leader's team view is about these. */
export async function ledShiftsAround(userId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: {
			leaderId: userId,
			startsAt: { lte: new Date(now.getTime() + HOUR) },
			endsAt: { gt: new Date(now.getTime() - HOUR) }
		},
		select: { id: true }
	});
	const alerts = shifts.length
		? await db.patrolAlert.count({ where: { shiftId: { in: shifts.map((s) => s.id) }, clearedAt: null } })
		: 0;
	return { shifts: shifts.length, alerts };
}
