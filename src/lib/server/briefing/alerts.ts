// What the briefing and the command view read about alerts, spot checks and flagged check-ins:
// Alert rows (the alert core, ../alerts) mapped onto the shapes every other briefing module reads.
// An alert the system cleared (the person started, the patrol checked in) counts as resolved.
import { db } from '../db';

export type AlertPriority = 'CRITICAL' | 'HIGH' | 'NORMAL' | 'LOW';

export interface AlertFact {
	id: string;
	kind: string;
	priority: AlertPriority;
	raisedAt: Date;
	/** Someone took it on; null while nobody has. */
	acknowledgedAt: Date | null;
	resolvedAt: Date | null;
	/** Steps of escalation fired (SOS and welfare checks). */
	escalations: number;
	place: string;
	/** The person it is about (shown to organizers, never on the wall). */
	subjectName: string | null;
	shiftId: string | null;
}

/** The alert kinds the current source records; sections about other kinds stay hidden. */
export const RECORDED_KINDS: readonly string[] = ['MISSING', 'OVERDUE'];
/** Kinds that call for someone to go at once, reported with their response times. */
export const EMERGENCY_KINDS: readonly string[] = ['SOS', 'WELFARE'];

export interface SpotCheckFact {
	result: 'ON_TIME' | 'LATE' | 'FAILED' | 'DECLINED';
	requestedAt: Date;
	answeredAt: Date | null;
}

const select = {
	id: true,
	kind: true,
	priority: true,
	shiftId: true,
	raisedAt: true,
	acknowledgedAt: true,
	resolvedAt: true,
	step: true,
	params: true,
	subjectUserId: true
} as const;

type Row = {
	id: string;
	kind: string;
	priority: AlertPriority;
	shiftId: string | null;
	raisedAt: Date;
	acknowledgedAt: Date | null;
	resolvedAt: Date | null;
	step: number;
	params: string;
	subjectUserId: string | null;
};

async function facts(rows: Row[]): Promise<AlertFact[]> {
	const ids = [...new Set(rows.map((row) => row.subjectUserId).filter((id): id is string => !!id))];
	const names = new Map(
		ids.length
			? (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map(
					(u) => [u.id, u.name]
				)
			: []
	);
	return rows.map((row) => {
		const params = JSON.parse(row.params) as { place?: string; checkpoint?: string };
		return {
			id: row.id,
			kind: row.kind,
			priority: row.priority,
			raisedAt: row.raisedAt,
			acknowledgedAt: row.acknowledgedAt,
			resolvedAt: row.resolvedAt,
			escalations: row.step,
			place: params.place ?? params.checkpoint ?? '',
			subjectName: row.subjectUserId ? (names.get(row.subjectUserId) ?? null) : null,
			shiftId: row.shiftId
		};
	});
}

/** Alerts raised in [from, to). */
export async function alertsRaised(operationId: string, from: Date, to: Date): Promise<AlertFact[]> {
	const rows = await db.alert.findMany({
		where: { operationId, raisedAt: { gte: from, lt: to } },
		orderBy: { raisedAt: 'asc' },
		select
	});
	return facts(rows);
}

/** Alerts nobody has resolved yet, oldest first. */
export async function alertsOpen(operationId: string, take = 200): Promise<AlertFact[]> {
	const rows = await db.alert.findMany({
		where: { operationId, status: { in: ['OPEN', 'ACKNOWLEDGED'] } },
		orderBy: { raisedAt: 'asc' },
		take,
		select
	});
	return facts(rows);
}

/** Spot checks requested in [from, to) that have a result (patrols/spot-checks.ts). */
export async function spotChecks(operationId: string, from: Date, to: Date): Promise<SpotCheckFact[] | null> {
	const rows = await db.spotCheck.findMany({
		where: { operationId, requestedAt: { gte: from, lt: to }, status: { not: 'PENDING' } },
		orderBy: { requestedAt: 'asc' },
		select: { status: true, requestedAt: true, answeredAt: true }
	});
	return rows.map((row) => ({
		result: row.status as SpotCheckFact['result'],
		requestedAt: row.requestedAt,
		answeredAt: row.answeredAt
	}));
}
