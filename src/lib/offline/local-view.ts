// What the patrol screen shows: the server's view with what still waits in the outbox laid over
// it, so that a check-in made with no signal appears at once (marked as waiting) and a shift
// started offline shows as running.
import {
	currentShift,
	expectedNext,
	peekToken,
	type PatrolView,
	type ViewCheckIn,
	type ViewCheckpoint,
	type ViewShift
} from '$lib/patrol-view';
import type { OutboxItem } from './idb';

export interface LocalCheckIn extends Omit<
	ViewCheckIn,
	'receivedAt' | 'clockOffsetSeconds' | 'distanceMetres'
> {
	/** Still in the outbox. */
	waiting: boolean;
	receivedAt: string | null;
	clockOffsetSeconds: number;
	distanceMetres: number | null;
}

export interface LocalPatrol {
	shift: ViewShift | undefined;
	running: boolean;
	ended: boolean;
	startedAt: string | null;
	endedAt: string | null;
	checkIns: LocalCheckIn[];
	visited: Set<string>;
	next: ViewCheckpoint | null;
}

const belongsTo = (assignmentId: string) => (item: OutboxItem) =>
	!item.rejected && item.body.assignmentId === assignmentId;

export function localPatrol(view: PatrolView, items: readonly OutboxItem[], now: Date): LocalPatrol {
	const waiting = items.filter((item) => !item.rejected);
	const started = new Set(waiting.filter((i) => i.kind === 'start').map((i) => String(i.body.assignmentId)));
	const endedHere = new Set(waiting.filter((i) => i.kind === 'end').map((i) => String(i.body.assignmentId)));
	const shift = currentShift(view.shifts, now, started, endedHere);
	if (!shift) {
		return {
			shift,
			running: false,
			ended: false,
			startedAt: null,
			endedAt: null,
			checkIns: [],
			visited: new Set(),
			next: null
		};
	}
	const mine = items.filter(belongsTo(shift.assignmentId));
	const startItem = mine.find((i) => i.kind === 'start');
	const endItem = mine.find((i) => i.kind === 'end');
	const startedAt = shift.patrol?.startedAt ?? startItem?.createdAt ?? null;
	const endedAt = shift.patrol?.endedAt ?? endItem?.createdAt ?? null;
	const pending = mine.filter((i) => i.kind === 'checkin').map((item) => pendingCheckIn(view, shift, item));
	const stored = shift.patrol?.checkIns.map((c): LocalCheckIn => ({ ...c, waiting: false })) ?? [];
	const known = new Set(stored.map((c) => c.id));
	const checkIns = [...pending.filter((c) => !known.has(c.id)), ...stored].sort((a, b) =>
		b.happenedAt.localeCompare(a.happenedAt)
	);
	const onRoute = checkIns.filter((c) => !c.wrongRoute && c.checkpointId);
	return {
		shift,
		running: startedAt !== null && endedAt === null,
		ended: endedAt !== null,
		startedAt,
		endedAt,
		checkIns,
		visited: new Set(onRoute.map((c) => c.checkpointId!)),
		next: expectedNext(shift.route?.checkpoints ?? [], onRoute[0]?.checkpointPosition ?? null)
	};
}

function pendingCheckIn(view: PatrolView, shift: ViewShift, item: OutboxItem): LocalCheckIn {
	const claim = item.body.token ? peekToken(String(item.body.token)) : null;
	const code = item.body.code ? String(item.body.code) : null;
	// A typed code was matched on the phone by its hash when it was queued (checkpointHint).
	const wanted = claim?.checkpointId ?? (item.body.checkpointHint ? String(item.body.checkpointHint) : null);
	const checkpoint = view.codes.find((c) => c.checkpointId === wanted);
	return {
		id: item.id,
		checkpointId: checkpoint?.checkpointId ?? claim?.checkpointId ?? null,
		checkpointName: checkpoint?.name ?? code ?? '?',
		checkpointPosition: checkpoint?.position ?? 0,
		routeId: checkpoint?.routeId ?? claim?.routeId ?? '',
		method: item.body.method === 'QR' ? 'QR' : 'CODE',
		happenedAt: item.createdAt,
		receivedAt: null,
		clockOffsetSeconds: 0,
		outOfOrder: false,
		far: false,
		wrongRoute: checkpoint ? checkpoint.routeId !== shift.route?.id : false,
		distanceMetres: null,
		waiting: true
	};
}
