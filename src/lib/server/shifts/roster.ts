// Who is on which shift: volunteers signing up, organizers assigning and unassigning, the waitlist
// and its automatic promotion. Every path runs the same rules (shifts/rules.ts) inside one
// transaction that also writes the audit entry and the outbox event.
//
// Concurrency: each change first bumps Shift.rosterVersion (and the person's
// VolunteerProfile.rosterVersion). On PostgreSQL that UPDATE takes the row lock, so two sign-ups
// for the last place run one after the other and the second one counts the first one's row; on
// SQLite transactions are serialised already. Locks are always taken shift first, then person.
//
// Operation membership: being placed on a shift of an operation makes the person a member of it
// (OperationMember), so broadcasts scoped to an operation reach everyone rostered on it.
import { translate } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { languageName } from '$lib/skills';
import { audit } from '../audit';
import { db, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { emit } from '../events';
import { qualificationProblem, scheduleProblem, type Interval, type Violation } from './rules';
import { HOLDING, ON_SHIFT, WORKING } from '$lib/shifts/status';

// Kept for callers that import it from here; the list lives in $lib/shifts/status.
export { ON_SHIFT };

/** Statuses that hold a place on the shift. */
/** Statuses that count for overlap, rest and hours (a completed shift was worked). */
const DAY = 24 * 60 * 60 * 1000;

export type Placement = 'ASSIGNED' | 'WAITLISTED';

export async function lockShift(tx: Tx, shiftId: string) {
	const { count } = await tx.shift.updateMany({
		where: { id: shiftId },
		data: { rosterVersion: { increment: 1 } }
	});
	if (count === 0) throw new NotFoundError('shift');
	return tx.shift.findUniqueOrThrow({
		where: { id: shiftId },
		include: {
			operation: { select: { id: true, timezone: true, minRestMinutes: true, maxMinutesPerDay: true } },
			requirements: true
		}
	});
}
export type LockedShift = Awaited<ReturnType<typeof lockShift>>;

async function lockPerson(tx: Tx, userId: string) {
	await tx.volunteerProfile.upsert({
		where: { userId },
		create: { userId },
		update: { rosterVersion: { increment: 1 } }
	});
	return loadPerson(tx, userId);
}

/** What the rules need to know about a person. */
export async function loadPerson(tx: Tx, userId: string) {
	const person = await tx.user.findUnique({
		where: { id: userId },
		select: {
			id: true,
			status: true,
			profile: { select: { birthDate: true } },
			skills: { select: { skill: true, verifiedAt: true } },
			languages: { select: { code: true } }
		}
	});
	if (!person) throw new NotFoundError('account');
	return person;
}

export function requirementsOf(shift: Pick<LockedShift, 'requirements' | 'minAge'>) {
	return {
		skills: shift.requirements.filter((r) => r.kind === 'SKILL').map((r) => r.code),
		languages: shift.requirements.filter((r) => r.kind === 'LANGUAGE').map((r) => r.code),
		minAge: shift.minAge
	};
}

/** The shifts a person works near `around`, other than `exclude`: what the rules compare against. */
async function scheduleOf(tx: Tx, userId: string, around: Interval, exclude: string[]): Promise<Interval[]> {
	const rows = await tx.assignment.findMany({
		where: {
			userId,
			status: { in: WORKING },
			shiftId: { notIn: exclude },
			shift: {
				startsAt: { lt: new Date(around.endsAt.getTime() + 2 * DAY) },
				endsAt: { gt: new Date(around.startsAt.getTime() - 2 * DAY) }
			}
		},
		select: { shift: { select: { startsAt: true, endsAt: true } } }
	});
	return rows.map((row) => row.shift);
}

/** A broken rule as an error whose message names the skill or language in the reader's words. */
function fail(violation: Violation) {
	const params = { ...violation.params };
	if (params.skill) params.skill = translate(`skill_${params.skill}`) ?? params.skill;
	if (params.language) params.language = languageName(String(params.language), getLocale());
	return new DomainError(violation.code, { status: 409, params });
}

/** Throws the first rule the person would break by working `shift`. */
export async function checkRules(
	tx: Tx,
	person: Awaited<ReturnType<typeof loadPerson>>,
	shift: LockedShift,
	exclude: string[] = []
): Promise<void> {
	if (person.status !== 'ACTIVE') throw new DomainError('account_not_active', { status: 409 });
	const qualification = qualificationProblem(
		{
			skills: person.skills.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
			languages: person.languages.map((l) => l.code),
			birthDate: person.profile?.birthDate ?? null
		},
		requirementsOf(shift),
		shift.startsAt
	);
	if (qualification) throw fail(qualification);
	const others = await scheduleOf(tx, person.id, shift, [shift.id, ...exclude]);
	const schedule = scheduleProblem(shift, others, {
		timezone: shift.operation.timezone,
		minRestMinutes: shift.operation.minRestMinutes,
		maxMinutesPerDay: shift.operation.maxMinutesPerDay
	});
	if (schedule) throw fail(schedule);
}

export async function placesTaken(tx: Tx, shiftId: string): Promise<number> {
	return tx.assignment.count({ where: { shiftId, status: { in: ON_SHIFT } } });
}

async function joinOperation(tx: Tx, operationId: string, userId: string) {
	await tx.operationMember.upsert({
		where: { operationId_userId: { operationId, userId } },
		create: { operationId, userId },
		update: {}
	});
}

/**
 * Puts a person on a locked shift, or on its waitlist when it is full and `waitlist` is allowed.
 * `exclude` names shifts to leave out of the rules (the one a swap leaves).
 */
export async function placeOnShift(
	tx: Tx,
	input: {
		shift: LockedShift;
		userId: string;
		actorId: string | null;
		waitlist: boolean;
		exclude?: string[];
	},
	now = new Date()
): Promise<Placement> {
	const { shift, userId, actorId } = input;
	if (shift.endsAt <= now) throw new DomainError('shift_over', { status: 409 });
	const person = await lockPerson(tx, userId);
	const existing = await tx.assignment.findUnique({
		where: { shiftId_userId: { shiftId: shift.id, userId } },
		select: { id: true, status: true }
	});
	if (existing && (ON_SHIFT as string[]).includes(existing.status)) {
		throw new DomainError('already_on_shift', { status: 409 });
	}
	if (existing?.status === 'WAITLISTED' && input.waitlist) {
		throw new DomainError('already_waitlisted', { status: 409 });
	}
	await checkRules(tx, person, shift, input.exclude);

	const full = (await placesTaken(tx, shift.id)) >= shift.headcount;
	if (full && !input.waitlist) throw new DomainError('shift_full', { status: 409 });
	const status: Placement = full ? 'WAITLISTED' : 'ASSIGNED';
	await tx.assignment.upsert({
		where: { shiftId_userId: { shiftId: shift.id, userId } },
		create: { shiftId: shift.id, userId, status, assignedById: actorId },
		update: { status, assignedById: actorId }
	});
	await joinOperation(tx, shift.operationId, userId);
	if (status === 'ASSIGNED') {
		await emit(tx, 'shift.assigned', { shiftId: shift.id, userId, actorId });
	} else {
		await emit(tx, 'shift.waitlisted', { shiftId: shift.id, userId });
	}
	await audit(tx, {
		actorId,
		action: status === 'ASSIGNED' ? 'shift.assigned' : 'shift.waitlisted',
		subjectType: 'Shift',
		subjectId: shift.id,
		operationId: shift.operationId,
		detail: { userId }
	});
	return status;
}

/**
 * Fills free places from the waitlist, first come first served. Someone who no longer fits the
 * rules (a clash since they joined the list) is passed over and stays on the list.
 */
export async function promoteWaitlist(tx: Tx, shift: LockedShift, actorId: string | null, now = new Date()) {
	if (shift.endsAt <= now) return [];
	let free = shift.headcount - (await placesTaken(tx, shift.id));
	if (free <= 0) return [];
	const waiting = await tx.assignment.findMany({
		where: { shiftId: shift.id, status: 'WAITLISTED' },
		orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
		select: { id: true, userId: true }
	});
	const promoted: string[] = [];
	for (const entry of waiting) {
		if (free === 0) break;
		try {
			await checkRules(tx, await lockPerson(tx, entry.userId), shift);
		} catch (error) {
			if (error instanceof DomainError) continue;
			throw error;
		}
		await tx.assignment.update({
			where: { id: entry.id },
			data: { status: 'ASSIGNED', assignedById: actorId }
		});
		await emit(tx, 'shift.promoted', { shiftId: shift.id, userId: entry.userId });
		await audit(tx, {
			actorId,
			action: 'shift.promoted',
			subjectType: 'Shift',
			subjectId: shift.id,
			operationId: shift.operationId,
			detail: { userId: entry.userId }
		});
		promoted.push(entry.userId);
		free--;
	}
	return promoted;
}

/** Takes a person off a shift (or its waitlist) and lets the waitlist move up. */
export async function removeFromShift(
	tx: Tx,
	input: { shift: LockedShift; userId: string; actorId: string | null; action: string }
) {
	const { shift, userId, actorId } = input;
	const { count } = await tx.assignment.updateMany({
		where: { shiftId: shift.id, userId, status: { in: [...HOLDING] } },
		data: { status: 'DROPPED' }
	});
	if (count === 0) throw new DomainError('not_on_shift', { status: 409 });
	if (shift.leaderId === userId) await tx.shift.update({ where: { id: shift.id }, data: { leaderId: null } });
	await emit(tx, 'shift.unassigned', { shiftId: shift.id, userId, actorId });
	await audit(tx, {
		actorId,
		action: input.action,
		subjectType: 'Shift',
		subjectId: shift.id,
		operationId: shift.operationId,
		detail: { userId }
	});
	await promoteWaitlist(tx, shift, actorId);
}

const signUpQueues = new Map<string, Promise<unknown>>();

/**
 * Runs the sign-ups of one shift one after another inside this process. They would anyway (each
 * locks the shift's row), but waiting here costs nothing, while waiting for the row lock holds a
 * database connection: a release rush of 2,000 sign-ups for one shift took every pooled
 * connection on PostgreSQL (other requests and the jobs then timed out), and queued 2,000
 * transactions ahead of every other query on SQLite.
 */
function oneAtATime<T>(shiftId: string, work: () => Promise<T>): Promise<T> {
	const previous = signUpQueues.get(shiftId) ?? Promise.resolve();
	const run = previous.then(work, work);
	const tail = run.catch(() => undefined);
	signUpQueues.set(shiftId, tail);
	void tail.then(() => {
		if (signUpQueues.get(shiftId) === tail) signUpQueues.delete(shiftId);
	});
	return run;
}

/** A volunteer signs themself up: a place if one is free, else the waitlist. */
export async function signUp(userId: string, shiftId: string, now = new Date()): Promise<Placement> {
	return oneAtATime(shiftId, () =>
		db.$transaction(
			async (tx) => {
				const shift = await lockShift(tx, shiftId);
				if (shift.startsAt <= now) throw new DomainError('shift_started', { status: 409 });
				return placeOnShift(tx, { shift, userId, actorId: userId, waitlist: true }, now);
			},
			// A release rush queues thousands of sign-ups for one shift: each is short, but the
			// last waits its turn (another process may hold the row); a late answer beats a 500.
			{ maxWait: 60_000 }
		)
	);
}

/** A volunteer leaves a waitlist (leaving a place needs an organizer: see requests.ts). */
export async function leaveWaitlist(userId: string, shiftId: string): Promise<void> {
	await db.$transaction(async (tx) => {
		const shift = await lockShift(tx, shiftId);
		const entry = await tx.assignment.findUnique({ where: { shiftId_userId: { shiftId, userId } } });
		if (entry?.status !== 'WAITLISTED') throw new DomainError('not_waitlisted', { status: 409 });
		await removeFromShift(tx, { shift, userId, actorId: userId, action: 'shift.waitlist_left' });
	});
}

/** An organizer puts someone on a shift; a full shift is refused (raise the headcount first). */
export async function assign(actorId: string, shiftId: string, userId: string, now = new Date()) {
	return db.$transaction(async (tx) => {
		const shift = await lockShift(tx, shiftId);
		return placeOnShift(tx, { shift, userId, actorId, waitlist: false }, now);
	});
}

export async function unassign(actorId: string, shiftId: string, userId: string) {
	await db.$transaction(async (tx) => {
		const shift = await lockShift(tx, shiftId);
		await removeFromShift(tx, { shift, userId, actorId, action: 'shift.unassigned' });
	});
}

/** The leader sees the phones of the people on the shift; they must be on it themselves. */
export async function setLeader(actorId: string, shiftId: string, userId: string | null) {
	await db.$transaction(async (tx) => {
		const shift = await lockShift(tx, shiftId);
		if (userId) {
			const on = await tx.assignment.count({ where: { shiftId, userId, status: { in: ON_SHIFT } } });
			if (!on) throw new DomainError('leader_not_on_shift', { field: 'leaderId', status: 409 });
		}
		await tx.shift.update({ where: { id: shift.id }, data: { leaderId: userId } });
		await emit(tx, 'shift.changed', { shiftId, changes: ['details'], actorId });
		await audit(tx, {
			actorId,
			action: 'shift.leader_set',
			subjectType: 'Shift',
			subjectId: shiftId,
			detail: { userId }
		});
	});
}
