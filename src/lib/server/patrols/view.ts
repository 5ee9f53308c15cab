// The patrol view a volunteer's phone keeps (see $lib/patrol-view): their shifts around now with
// route, checkpoints and patrol, short salted hashes of their own routes' checkpoint codes (never
// the codes: those are on the posters, and the server checks them), and their recent reports.
import type { PatrolView, ViewCheckIn } from '$lib/patrol-view';
import { PLACED } from '$lib/shifts/status';
import { db } from '../db';
import { codeHashOf, codeSaltOf } from './code-hash';
import { readFlags } from './evidence';
import { checkInSelect } from './check-ins';
import { timeServed } from './patrols';
import { waitingSpotChecks } from './spot-checks';
import { ledShiftsAround } from './team';

const iso = (date: Date) => date.toISOString();

export async function patrolViewFor(userId: string, now = new Date()): Promise<PatrolView> {
	const assignments = await db.assignment.findMany({
		where: {
			userId,
			status: { in: [...PLACED] },
			shift: { endsAt: { gt: new Date(now.getTime() - 12 * 60 * 60_000) } }
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
									lat: true,
									lng: true,
									instructions: true
								}
							}
						}
					},
					post: { select: { name: true } },
					leader: { select: { name: true } }
				}
			},
			patrol: {
				select: {
					id: true,
					startedAt: true,
					endedAt: true,
					autoEnded: true,
					handoverNote: true,
					checkIns: { orderBy: { happenedAt: 'desc' }, take: 100, select: checkInSelect }
				}
			}
		}
	});
	const routeIds = [...new Set(assignments.flatMap((a) => (a.shift.route ? [a.shift.route.id] : [])))];
	const salt = codeSaltOf(userId);
	const patrolIds = assignments.flatMap((a) => (a.patrol ? [a.patrol.id] : []));
	const [codes, reports, served, leading, spotChecks] = await Promise.all([
		db.checkpoint.findMany({
			where: { routeId: { in: routeIds } },
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
		timeServed(userId),
		ledShiftsAround(userId, now),
		waitingSpotChecks(patrolIds)
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
				spotCheck: ((check) => check && { id: check.id, dueAt: iso(check.dueAt) })(spotChecks.get(patrol.id)),
				checkIns: patrol.checkIns.map(({ flags, posterVersion: _poster, ...c }): ViewCheckIn => ({
					...c,
					flags: readFlags(flags) as ViewCheckIn['flags'],
					happenedAt: iso(c.happenedAt),
					receivedAt: iso(c.receivedAt)
				}))
			}
		})),
		codes: codes.map((c) => ({
			hash: codeHashOf(salt, c.code),
			checkpointId: c.id,
			routeId: c.routeId,
			routeName: c.route.name,
			name: c.name,
			position: c.position
		})),
		codeSalt: salt,
		reports: reports.map((r) => ({ ...r, happenedAt: iso(r.happenedAt) })),
		minutesServed: served.minutes,
		leading
	};
}
