// Alert rows made directly, for tests of what reads alerts (briefing, command view, boards).
import { randomUUID } from 'node:crypto';
import { db, type AlertKind, type AlertPriority } from '$lib/server/db';

export async function makeAlert(input: {
	operationId: string;
	kind: AlertKind;
	priority?: AlertPriority;
	shiftId?: string | null;
	assignmentId?: string | null;
	patrolId?: string | null;
	subjectUserId?: string | null;
	params?: Record<string, unknown>;
	raisedAt?: Date;
	/** Cleared by the system at this time (resolved, status RESOLVED). */
	clearedAt?: Date | null;
}) {
	const raisedAt = input.raisedAt ?? new Date();
	const foldKey = `${input.kind.toLowerCase()}:${randomUUID()}`;
	return db.alert.create({
		data: {
			operationId: input.operationId,
			kind: input.kind,
			priority: input.priority ?? 'HIGH',
			foldKey,
			openKey: input.clearedAt ? null : foldKey,
			status: input.clearedAt ? 'RESOLVED' : 'OPEN',
			raisedAt,
			lastRaisedAt: raisedAt,
			resolvedAt: input.clearedAt ?? null,
			clearedAt: input.clearedAt ?? null,
			shiftId: input.shiftId ?? null,
			assignmentId: input.assignmentId ?? null,
			patrolId: input.patrolId ?? null,
			subjectUserId: input.subjectUserId ?? null,
			params: JSON.stringify(input.params ?? {})
		}
	});
}
