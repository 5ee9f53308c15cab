// Creating, changing and cancelling shifts, and reading them for the organizer's screens.
import { zonedDate } from '$lib/time';
import { audit } from '../audit';
import { db, type Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { DomainError, NotFoundError } from '../errors';
import { emit } from '../events';
import { checkRules, loadPerson, lockShift, promoteWaitlist } from './roster';
import { HOLDING, ON_SHIFT } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

export interface ShiftInput {
	routeId?: string | null;
	postId?: string | null;
	title?: string | null;
	startsAt: Date;
	endsAt: Date;
	headcount: number;
	skills: string[];
	languages: string[];
	minAge?: number | null;
	instructions?: string | null;
}

const MAX_SHIFT_HOURS = 16;

/** Shifts for setting up and clearing away may fall just outside the operation's dates. */
const OPERATION_SLACK_MS = 2 * 86_400_000;

/**
 * Shared checks for one shift: a place of this operation, a sane time window within the
 * operation's dates (give or take two days). `dateField` is the form field a date error belongs to.
 */
export async function validateShift(
	client: Tx | typeof db,
	operationId: string,
	input: ShiftInput,
	dateField = 'date'
) {
	if (!input.routeId === !input.postId) throw new DomainError('shift_place_required', { field: 'place' });
	const place = input.routeId
		? await client.route.findFirst({ where: { id: input.routeId, operationId }, select: { id: true } })
		: await client.post.findFirst({ where: { id: input.postId!, operationId }, select: { id: true } });
	if (!place) throw new DomainError('shift_place_required', { field: 'place' });
	if (input.endsAt <= input.startsAt) throw new DomainError('shift_ends_before_start', { field: 'endTime' });
	if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_SHIFT_HOURS * 3_600_000) {
		throw new DomainError('shift_too_long', { field: 'endTime', params: { hours: MAX_SHIFT_HOURS } });
	}
	const operation = await client.operation.findUniqueOrThrow({
		where: { id: operationId },
		select: { startsAt: true, endsAt: true, timezone: true }
	});
	if (
		input.startsAt.getTime() < operation.startsAt.getTime() - OPERATION_SLACK_MS ||
		input.endsAt.getTime() > operation.endsAt.getTime() + OPERATION_SLACK_MS
	) {
		throw new DomainError('shift_outside_operation', {
			field: dateField,
			params: {
				from: zonedDate(operation.startsAt, operation.timezone),
				to: zonedDate(operation.endsAt, operation.timezone)
			}
		});
	}
}

export function shiftData(operationId: string, input: ShiftInput) {
	return {
		operationId,
		routeId: input.routeId || null,
		postId: input.postId || null,
		title: input.title || null,
		startsAt: input.startsAt,
		endsAt: input.endsAt,
		headcount: input.headcount,
		minAge: input.minAge || null,
		instructions: input.instructions || null,
		requirements: {
			create: [
				...input.skills.map((code) => ({ kind: 'SKILL' as const, code })),
				...input.languages.map((code) => ({ kind: 'LANGUAGE' as const, code }))
			]
		}
	};
}

export async function createShift(actorId: string, operationId: string, input: ShiftInput) {
	await validateShift(db, operationId, input);
	return db.$transaction(async (tx) => {
		const shift = await tx.shift.create({ data: shiftData(operationId, input) });
		await audit(tx, { actorId, action: 'shift.created', subjectType: 'Shift', subjectId: shift.id });
		return shift;
	});
}

/**
 * Changes a shift. The people on it must still fit the rules at the new time and with the new
 * requirements; a smaller headcount may not push anyone off.
 */
export async function updateShift(actorId: string, shiftId: string, input: ShiftInput) {
	await db.$transaction(async (tx) => {
		const before = await lockShift(tx, shiftId);
		await validateShift(tx, before.operationId, input);
		const onShift = await tx.assignment.findMany({
			where: { shiftId, status: { in: [...ON_SHIFT] } },
			select: { userId: true, user: { select: { name: true } } }
		});
		if (input.headcount < onShift.length) {
			throw new DomainError('headcount_below_assigned', {
				field: 'headcount',
				params: { count: onShift.length }
			});
		}
		await tx.shiftRequirement.deleteMany({ where: { shiftId } });
		const { operationId: _op, ...data } = shiftData(before.operationId, input);
		await tx.shift.update({ where: { id: shiftId }, data });
		const after = await lockShift(tx, shiftId);
		for (const person of onShift) {
			const profile = await loadPerson(tx, person.userId);
			try {
				await checkRules(tx, profile, after);
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
				throw new DomainError('change_breaks_rules', {
					status: 409,
					params: { name: person.user.name }
				});
			}
		}
		const changes: ('time' | 'place' | 'details')[] = [];
		if (+before.startsAt !== +after.startsAt || +before.endsAt !== +after.endsAt) changes.push('time');
		if (before.routeId !== after.routeId || before.postId !== after.postId) changes.push('place');
		if (
			before.title !== after.title ||
			before.instructions !== after.instructions ||
			before.headcount !== after.headcount ||
			before.minAge !== after.minAge
		) {
			changes.push('details');
		}
		if (changes.length) await emit(tx, 'shift.changed', { shiftId, changes, actorId });
		await audit(tx, {
			actorId,
			action: 'shift.updated',
			subjectType: 'Shift',
			subjectId: shiftId,
			detail: { changes }
		});
		await promoteWaitlist(tx, after, actorId);
	});
}

/** Deletes shifts that have not started, telling everyone on them (or waiting for them). */
export async function cancelShiftsInTx(tx: Tx, shiftIds: string[], actorId: string, now = new Date()) {
	const shifts = await tx.shift.findMany({
		where: { id: { in: shiftIds } },
		include: {
			route: { select: { name: true } },
			post: { select: { name: true } },
			assignments: { where: { status: { in: [...HOLDING] } }, select: { userId: true } }
		}
	});
	if (shifts.some((shift) => shift.startsAt <= now)) throw new DomainError('shift_started', { status: 409 });
	for (const shift of shifts) {
		if (shift.assignments.length) {
			await emit(tx, 'shift.cancelled', {
				shiftId: shift.id,
				userIds: shift.assignments.map((a) => a.userId),
				startsAt: shift.startsAt.toISOString(),
				place: shiftName(shift),
				actorId
			});
		}
		await audit(tx, {
			actorId,
			action: 'shift.cancelled',
			subjectType: 'Shift',
			subjectId: shift.id,
			detail: { place: shiftName(shift), startsAt: shift.startsAt, people: shift.assignments.length }
		});
	}
	await tx.shift.deleteMany({ where: { id: { in: shifts.map((s) => s.id) } } });
	return shifts.length;
}

export async function cancelShift(actorId: string, shiftId: string, now = new Date()) {
	await db.$transaction(async (tx) => {
		await lockShift(tx, shiftId);
		await cancelShiftsInTx(tx, [shiftId], actorId, now);
	});
}

const shiftListSelect = {
	id: true,
	title: true,
	startsAt: true,
	endsAt: true,
	headcount: true,
	minAge: true,
	batchId: true,
	route: { select: { id: true, name: true, zone: { select: { id: true, name: true } } } },
	post: { select: { id: true, name: true, zone: { select: { id: true, name: true } } } },
	leader: { select: { id: true, name: true } },
	requirements: { select: { kind: true, code: true } },
	assignments: {
		where: { status: { in: [...HOLDING] } },
		select: { status: true }
	}
} satisfies Prisma.ShiftSelect;

/** The organizer's list: shifts of an operation between two instants, with how full each is. */
export async function listShifts(operationId: string, from: Date, to: Date) {
	const shifts = await db.shift.findMany({
		where: { operationId, startsAt: { gte: from, lt: to } },
		orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
		select: shiftListSelect
	});
	return shifts.map(({ assignments, ...shift }) => ({
		...shift,
		filled: assignments.filter((a) => a.status !== 'WAITLISTED').length,
		waitlisted: assignments.filter((a) => a.status === 'WAITLISTED').length
	}));
}

export async function shiftDetail(shiftId: string) {
	const shift = await db.shift.findUnique({
		where: { id: shiftId },
		include: {
			operation: { select: { id: true, name: true, timezone: true } },
			route: { select: { id: true, name: true, zone: { select: { name: true } } } },
			post: { select: { id: true, name: true, zone: { select: { name: true } } } },
			leader: { select: { id: true, name: true } },
			requirements: { select: { kind: true, code: true } },
			batch: { select: { id: true, label: true } },
			assignments: {
				where: { status: { not: 'DROPPED' } },
				orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
				select: {
					id: true,
					status: true,
					user: { select: { id: true, name: true, email: true, phone: true } }
				}
			}
		}
	});
	if (!shift) throw new NotFoundError('shift');
	return shift;
}

/** The operation a shift is of: what screens check the person works on (404 when it is gone). */
export async function shiftOperationId(shiftId: string) {
	const shift = await db.shift.findUnique({ where: { id: String(shiftId) }, select: { operationId: true } });
	if (!shift) throw new NotFoundError('shift');
	return shift.operationId;
}
