// What a volunteer's phone knows about their patrol: the server's view (kept in IndexedDB for
// when there is no signal) plus what waits in the outbox. Plain JSON (times as ISO strings), so
// the same object comes from page data, from /api/patrol and from IndexedDB.
// Shared by the server (which builds it) and the browser (which shows it); no server imports.

import { isOnShift, isStartable, type AssignmentStatus } from '$lib/shifts/status';

export interface ViewCheckpoint {
	id: string;
	position: number;
	name: string;
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
	/** Why the check-in is doubtful (see server/patrols/evidence.ts), and a leader's decision. */
	flags?: { code: string; [detail: string]: unknown }[];
	doubtful?: boolean;
	flagReview?: 'CONFIRMED' | 'DISMISSED' | null;
}

export interface ViewShift {
	assignmentId: string;
	status: AssignmentStatus;
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
		/** A supervisor's spot check waiting for an answer: scan the next QR with position by dueAt. */
		spotCheck?: { id: string; dueAt: string } | null;
		checkIns: ViewCheckIn[];
	} | null;
}

/**
 * A checkpoint of the person's own routes, so that a code typed offline can be checked at once.
 * Never the code itself: only a short salted hash of it (codeHash), enough to say "that looks
 * like a code of your route" on the phone, not enough to read the codes off the app and check in
 * from home. The server keeps the codes and decides.
 */
export interface ViewCode {
	hash: string;
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
	/** The salt of this person's code hashes. */
	codeSalt: string;
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
		isStartable(s.status) &&
		!s.patrol &&
		!started.has(s.assignmentId) &&
		Date.parse(s.startsAt) - EARLY_START_MINUTES * MINUTE <= now.getTime() &&
		Date.parse(s.endsAt) > now.getTime();
	const upcoming = (s: ViewShift) => isOnShift(s.status) && Date.parse(s.startsAt) > now.getTime();
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

/**
 * Hex characters of a code's hash the phone gets: 16 bits. With codes of 4 characters from 31
 * (about 920,000 codes), each hash fits some 14 codes, so it cannot be turned back into the
 * code, while a mistyped code still matches another checkpoint only once in 65,536.
 */
export const CODE_HASH_CHARS = 4;

/** The short salted hash of a typed code, as the server makes it (SHA-256, hex, cut short). */
export async function codeHash(salt: string, code: string): Promise<string> {
	const bytes = new TextEncoder().encode(`${salt}:${normaliseCode(code)}`);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(digest.subarray(0, CODE_HASH_CHARS / 2), (b) => b.toString(16).padStart(2, '0')).join('');
}
