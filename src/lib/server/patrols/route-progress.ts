// Where a patrol is on its route, worked out from its check-ins alone (no database), so that the
// rules are tested directly and the live board reads a stored summary instead of every check-in.
//
// Routes are loops: after the last checkpoint comes the first again. A patrol may begin at any
// checkpoint; after that, each check-in should be at the next checkpoint (or a repeat of the last
// one). A checkpoint passed over within the current loop is "missed".
import { expectedNext } from '$lib/patrol-view';

export interface PatrolSummary {
	checkInCount: number;
	flaggedCount: number;
	lastCheckInAt: Date | null;
	lastCheckpointId: string | null;
	/** Position of the last check-in on the patrol's own route. */
	lastPosition: number | null;
	/** Ids of the route's checkpoints visited at least once. */
	visited: string[];
	/** Positions visited in the current loop, in order. */
	loop: number[];
}

export interface ProgressCheckIn {
	checkpointId: string | null;
	position: number;
	happenedAt: Date;
	/** At a checkpoint of the patrol's own route. */
	onRoute: boolean;
	flagged: boolean;
}

export const emptySummary = (): PatrolSummary => ({
	checkInCount: 0,
	flaggedCount: 0,
	lastCheckInAt: null,
	lastCheckpointId: null,
	lastPosition: null,
	visited: [],
	loop: []
});

/** A check-in on the route that is neither the next checkpoint nor a repeat of the last one. */
export function isOutOfOrder(positions: readonly number[], last: number | null, position: number): boolean {
	if (last === null || position === last) return false;
	return (
		position !==
		expectedNext(
			positions.map((p) => ({ position: p })),
			last
		)?.position
	);
}

export function advance(summary: PatrolSummary, checkIn: ProgressCheckIn): PatrolSummary {
	const next: PatrolSummary = {
		...summary,
		checkInCount: summary.checkInCount + 1,
		flaggedCount: summary.flaggedCount + (checkIn.flagged ? 1 : 0),
		lastCheckInAt:
			summary.lastCheckInAt && summary.lastCheckInAt > checkIn.happenedAt
				? summary.lastCheckInAt
				: checkIn.happenedAt,
		lastCheckpointId: checkIn.checkpointId
	};
	if (!checkIn.onRoute) return next;
	const last = summary.lastPosition;
	next.lastPosition = checkIn.position;
	if (checkIn.checkpointId && !summary.visited.includes(checkIn.checkpointId)) {
		next.visited = [...summary.visited, checkIn.checkpointId];
	}
	if (last !== null && checkIn.position === last) return next;
	// Going back past where the loop has reached starts a new loop (the usual case: last → first).
	next.loop =
		last !== null && checkIn.position < last ? [checkIn.position] : [...summary.loop, checkIn.position];
	return next;
}

/** The summary of a patrol's check-ins, in whatever order they arrived. */
export function summarize(checkIns: readonly ProgressCheckIn[]): PatrolSummary {
	return [...checkIns]
		.sort((a, b) => a.happenedAt.getTime() - b.happenedAt.getTime())
		.reduce(advance, emptySummary());
}

/** Positions skipped in the current loop: between where it began and the furthest reached. */
export function missedPositions(positions: readonly number[], loop: readonly number[]): number[] {
	if (loop.length === 0) return [];
	const from = loop[0];
	const to = Math.max(...loop);
	return positions.filter((position) => position > from && position < to && !loop.includes(position));
}
