// In-app alerts for a shift's leader and the organizers: someone missing, a patrol gone quiet.
// Each is also an outbox event, so the notifications worker can push it to their phones.
import { db, isUniqueViolation, type Tx } from '../db';
import { emit } from '../events';
import { publish } from '../live/bus';
import { coverageChannel, teamChannel } from './channels';

interface AlertInput {
	operationId: string;
	shiftId: string;
	leaderId: string | null;
	assignmentId: string;
	userId: string;
	dueAt: Date;
}

/** Records the alert and its event together; false when another app instance got there first. */
async function raise(work: (tx: Tx) => Promise<boolean>): Promise<boolean> {
	try {
		return await db.$transaction(work);
	} catch (error) {
		if (isUniqueViolation(error)) return false;
		throw error;
	}
}

export function raiseMissing(input: AlertInput): Promise<boolean> {
	return raise(async (tx) => {
		const alert = await tx.patrolAlert.create({
			data: {
				dedupeKey: `missing:${input.assignmentId}`,
				kind: 'MISSING',
				operationId: input.operationId,
				shiftId: input.shiftId,
				assignmentId: input.assignmentId,
				userId: input.userId,
				dueAt: input.dueAt
			}
		});
		await emit(tx, 'patrol.missing', {
			alertId: alert.id,
			assignmentId: input.assignmentId,
			operationId: input.operationId,
			shiftId: input.shiftId,
			userId: input.userId,
			leaderId: input.leaderId,
			dueAt: input.dueAt.toISOString()
		});
		return true;
	});
}

export function raiseOverdue(
	input: AlertInput & {
		patrolId: string;
		routeId: string | null;
		checkInCount: number;
		lastCheckInAt: Date | null;
	}
): Promise<boolean> {
	return raise(async (tx) => {
		// Claims this overdue spell of the patrol: unchanged since we read it, not yet alerted.
		const claimed = await tx.patrol.updateMany({
			where: { id: input.patrolId, overdueAlerted: false, dueAt: input.dueAt, endedAt: null },
			data: { overdueAlerted: true }
		});
		if (claimed.count === 0) return false;
		const alert = await tx.patrolAlert.create({
			data: {
				dedupeKey: `overdue:${input.patrolId}:${input.checkInCount}`,
				kind: 'OVERDUE',
				operationId: input.operationId,
				shiftId: input.shiftId,
				assignmentId: input.assignmentId,
				userId: input.userId,
				patrolId: input.patrolId,
				dueAt: input.dueAt
			}
		});
		await emit(tx, 'patrol.overdue', {
			alertId: alert.id,
			patrolId: input.patrolId,
			operationId: input.operationId,
			shiftId: input.shiftId,
			userId: input.userId,
			leaderId: input.leaderId,
			routeId: input.routeId,
			lastCheckInAt: input.lastCheckInAt?.toISOString() ?? null,
			dueAt: input.dueAt.toISOString()
		});
		return true;
	});
}

/** Tells the boards of these operations and shifts that their alerts changed. */
export async function announceAlerts(raised: { operationId: string; shiftId: string }[]) {
	const channels = new Set(raised.flatMap((a) => [coverageChannel(a.operationId), teamChannel(a.shiftId)]));
	for (const channel of channels) {
		try {
			await publish(channel, { alerts: true });
		} catch (error) {
			console.error('[patrols] live notice failed', error);
		}
	}
}

const alertSelect = {
	id: true,
	kind: true,
	shiftId: true,
	userId: true,
	patrolId: true,
	dueAt: true,
	createdAt: true,
	assignment: {
		select: {
			user: { select: { name: true, phone: true } },
			shift: {
				select: {
					title: true,
					route: { select: { name: true } },
					post: { select: { name: true } }
				}
			}
		}
	}
} as const;

/** Open alerts, newest first, with who and where. */
export async function openAlerts(where: { operationId: string } | { shiftId: { in: string[] } }, take = 50) {
	const alerts = await db.patrolAlert.findMany({
		where: { ...where, clearedAt: null },
		orderBy: { createdAt: 'desc' },
		take,
		select: alertSelect
	});
	return alerts.map(({ assignment, ...alert }) => ({
		...alert,
		name: assignment.user.name,
		phone: assignment.user.phone,
		place: assignment.shift.route?.name ?? assignment.shift.post?.name ?? assignment.shift.title ?? ''
	}));
}

export type OpenAlert = Awaited<ReturnType<typeof openAlerts>>[number];
