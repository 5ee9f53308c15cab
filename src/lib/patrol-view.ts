// What a volunteer's phone knows about their patrol: the server's view (kept in IndexedDB for
// when there is no signal) plus what waits in the outbox. Plain JSON (times as ISO strings), so
// the same object comes from page data, from /api/patrol and from IndexedDB.
// Shared by the server (which builds it) and the browser (which shows it); no server imports.

export interface ViewCheckpoint {
	id: string;
	position: number;
	name: string;
	code: string;
	lat: number;
	lng: number;
	instructions: string | null;
}

export interface ViewCheckIn {
	id: string;
	checkpointId: string | null;
	checkpointName: string;
	checkpointPosition: number;
	routeId: string;
	method: 'QR' | 'CODE';
	happenedAt: string;
	receivedAt: string;
	clockOffsetSeconds: number;
	outOfOrder: boolean;
	far: boolean;
	wrongRoute: boolean;
	distanceMetres: number | null;
}

export interface ViewShift {
	assignmentId: string;
	status: 'ASSIGNED' | 'WAITLISTED' | 'DROPPED' | 'PRESENT' | 'NO_SHOW' | 'COMPLETED';
	shiftId: string;
	title: string | null;
	startsAt: string;
	endsAt: string;
	instructions: string | null;
	operation: { id: string; name: string; timezone: string };
	route: {
		id: string;
		name: string;
		zoneName: string;
		expectedIntervalMinutes: number;
		checkpoints: ViewCheckpoint[];
	} | null;
	post: { name: string } | null;
	/** The leader's name only: a person's phone number is for organizers and their own leader. */
	leader: { name: string } | null;
	patrol: {
		id: string;
		startedAt: string;
		endedAt: string | null;
		autoEnded: boolean;
		handoverNote: string | null;
		checkIns: ViewCheckIn[];
	} | null;
}

/** A checkpoint code of the operation, so that a code typed offline can be checked at once. */
export interface ViewCode {
	code: string;
	checkpointId: string;
	routeId: string;
	routeName: string;
	name: string;
	position: number;
}

export interface ViewReport {
	id: string;
	category: string;
	severity: string;
	status: string;
	text: string;
	hasPhoto: boolean;
	happenedAt: string;
}

export interface PatrolView {
	userId: string;
	/** Server time when this view was made; tells how old an offline copy is. */
	fetchedAt: string;
	shifts: ViewShift[];
	codes: ViewCode[];
	reports: ViewReport[];
	minutesServed: number;
	/** Shifts the person leads that run about now, and their open alerts. */
	leading: { shifts: number; alerts: number };
}

/** A patrol may start this long before its shift (the server enforces the same). */
export const EARLY_START_MINUTES = 60;

const MINUTE = 60_000;

/**
 * The shift the patrol screen is about: the one being patrolled, else one that can be started
 * now, else the next one. `started` holds assignments started on this phone but not yet synced.
 */
export function currentShift(
	shifts: readonly ViewShift[],
	now: Date,
	started: ReadonlySet<string> = new Set(),
	endedHere: ReadonlySet<string> = new Set()
): ViewShift | undefined {
	const running = (s: ViewShift) =>
		(s.patrol !== null || started.has(s.assignmentId)) &&
		!s.patrol?.endedAt &&
		!endedHere.has(s.assignmentId);
	const open = (s: ViewShift) =>
		(s.status === 'ASSIGNED' || s.status === 'NO_SHOW') &&
		!s.patrol &&
		!started.has(s.assignmentId) &&
		Date.parse(s.startsAt) - EARLY_START_MINUTES * MINUTE <= now.getTime() &&
		Date.parse(s.endsAt) > now.getTime();
	const upcoming = (s: ViewShift) => s.status === 'ASSIGNED' && Date.parse(s.startsAt) > now.getTime();
	const ended = (s: ViewShift) => Boolean(s.patrol?.endedAt) || endedHere.has(s.assignmentId);
	// Just ended: the summary and the handover note stay on screen for a while.
	const justEnded = (s: ViewShift) =>
		endedHere.has(s.assignmentId) ||
		(Boolean(s.patrol?.endedAt) && now.getTime() - Date.parse(s.patrol!.endedAt!) < 3 * 60 * MINUTE);
	return (
		shifts.find(running) ??
		shifts.find(open) ??
		shifts.findLast(justEnded) ??
		shifts.find(upcoming) ??
		shifts.findLast(ended)
	);
}

/**
 * The stop expected after the one at `lastPosition` on a looping route (stops sorted by
 * position): the first to begin with, and the first again after the last.
 */
export function expectedNext<T extends { position: number }>(
	stops: readonly T[],
	lastPosition: number | null
): T | null {
	if (stops.length === 0) return null;
	if (lastPosition === null) return stops[0];
	return stops.find((stop) => stop.position > lastPosition) ?? stops[0];
}

/** Normalises a typed code as the server does ("nl 3" → "NL3"). */
export const normaliseCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/**
 * The checkpoint and route a scanned QR names, read from the token without checking its
 * signature (only the server can): enough to show the name at once; the server decides.
 */
export function peekToken(scanned: string): { checkpointId: string; routeId: string; token: string } | null {
	const token = scanned.trim().split('/scan/').pop() ?? '';
	const [body] = token.split('.');
	try {
		const base64 = body.replace(/-/g, '+').replace(/_/g, '/');
		const claim = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))) as {
			c?: unknown;
			r?: unknown;
		};
		if (typeof claim.c !== 'string' || typeof claim.r !== 'string') return null;
		return { checkpointId: claim.c, routeId: claim.r, token };
	} catch {
		return null;
	}
}
