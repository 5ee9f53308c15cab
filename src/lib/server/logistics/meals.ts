// Meals per shift: everyone on a shift is entitled to one meal, marked served once. The unique
// index on (shift, person) settles two phones ticking the same name at the same moment.
import { formatTime } from '$lib/time';
import { db, isUniqueViolation, type AssignmentStatus } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { isStockStaff, type Actor } from './access';
import { readBadge } from './badge';

const HOUR = 60 * 60 * 1000;
/** People on these assignments are entitled to a meal. */
const ENTITLED: AssignmentStatus[] = ['ASSIGNED', 'PRESENT', 'COMPLETED'];
/** Meals are served from an hour before a shift until an hour after it. */
const SERVING_MARGIN = HOUR;

/** What the meal screens show of a shift: when, and where (a post) or which patrol (a route). */
const shiftSummary = {
	id: true,
	title: true,
	startsAt: true,
	endsAt: true,
	post: { select: { name: true } },
	route: { select: { name: true } }
} as const;

/** Logistics staff and organizers serve any shift; a shift leader serves their own shift. */
function mayServe(actor: Actor, shift: { leaderId: string | null }) {
	return isStockStaff(actor.role) || shift.leaderId === actor.id;
}

/** Shifts the person may serve meals for, running around `now`. */
export async function servableShifts(actor: Actor, operationId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: {
			operationId,
			startsAt: { lte: new Date(now.getTime() + SERVING_MARGIN) },
			endsAt: { gte: new Date(now.getTime() - SERVING_MARGIN) },
			...(isStockStaff(actor.role) ? {} : { leaderId: actor.id })
		},
		orderBy: { startsAt: 'asc' },
		select: {
			...shiftSummary,
			_count: { select: { assignments: { where: { status: { in: ENTITLED } } }, meals: true } }
		}
	});
	return shifts.map(({ _count, ...shift }) => ({
		...shift,
		entitled: _count.assignments,
		served: _count.meals
	}));
}

/** The tick list of a shift: everyone entitled, and when each was served. */
export async function mealList(actor: Actor, shiftId: string) {
	const shift = await db.shift.findUnique({
		where: { id: String(shiftId) },
		select: {
			id: true,
			title: true,
			startsAt: true,
			endsAt: true,
			leaderId: true,
			operation: { select: { timezone: true } },
			post: { select: { name: true } },
			route: { select: { name: true } },
			assignments: {
				where: { status: { in: ENTITLED } },
				orderBy: { user: { name: 'asc' } },
				select: { user: { select: { id: true, name: true } } }
			},
			meals: { select: { userId: true, servedAt: true, method: true } }
		}
	});
	if (!shift) throw new NotFoundError('shift');
	if (!mayServe(actor, shift)) throw new ForbiddenError('meal_not_your_shift');
	const served = new Map(shift.meals.map((meal) => [meal.userId, meal]));
	const { assignments, meals: _meals, ...rest } = shift;
	return {
		...rest,
		people: assignments.map(({ user }) => ({ ...user, servedAt: served.get(user.id)?.servedAt ?? null }))
	};
}

export async function serveMeal(
	actor: Actor,
	input: { shiftId: string; userId: string; method?: 'TICK' | 'SCAN' },
	now = new Date()
) {
	const shift = await db.shift.findUnique({
		where: { id: String(input.shiftId) },
		include: { operation: { select: { timezone: true } } }
	});
	if (!shift) throw new NotFoundError('shift');
	if (!mayServe(actor, shift)) throw new ForbiddenError('meal_not_your_shift');
	const entitled = await db.assignment.findFirst({
		where: { shiftId: shift.id, userId: String(input.userId), status: { in: ENTITLED } },
		select: { user: { select: { id: true, name: true } } }
	});
	if (!entitled) throw new DomainError('meal_not_entitled', { status: 404 });
	try {
		await db.mealServing.create({
			data: {
				shiftId: shift.id,
				userId: entitled.user.id,
				servedById: actor.id,
				method: input.method ?? 'TICK',
				servedAt: now
			}
		});
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const first = await db.mealServing.findUniqueOrThrow({
			where: { shiftId_userId: { shiftId: shift.id, userId: entitled.user.id } }
		});
		throw new DomainError('meal_already_served', {
			status: 409,
			params: { name: entitled.user.name, time: formatTime(first.servedAt, shift.operation.timezone, 'en') }
		});
	}
	return entitled.user;
}

/**
 * A scanned badge: serves the person's meal for the shift they are on now (among the shifts the
 * scanner may serve), the earliest not yet served.
 */
export async function serveByBadge(
	actor: Actor,
	input: { badge: string; operationId: string },
	now = new Date()
) {
	const userId = readBadge(input.badge);
	if (!userId) throw new DomainError('meal_badge_invalid', { field: 'badge' });
	const shifts = await servableShifts(actor, input.operationId, now);
	const assignments = await db.assignment.findMany({
		where: { userId, status: { in: ENTITLED }, shiftId: { in: shifts.map((shift) => shift.id) } },
		orderBy: { shift: { startsAt: 'asc' } },
		select: { shiftId: true, shift: { select: { meals: { where: { userId }, select: { id: true } } } } }
	});
	if (!assignments.length) throw new DomainError('meal_no_shift_now', { field: 'badge', status: 404 });
	const open = assignments.find((assignment) => assignment.shift.meals.length === 0) ?? assignments[0];
	return serveMeal(actor, { shiftId: open.shiftId, userId, method: 'SCAN' }, now);
}

/** For organizers: people on shifts that have started who have not had their meal. */
export async function notEaten(operationId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: { operationId, startsAt: { lte: now }, endsAt: { gte: new Date(now.getTime() - 12 * HOUR) } },
		orderBy: { startsAt: 'asc' },
		select: {
			...shiftSummary,
			leader: { select: { name: true } },
			assignments: {
				where: { status: { in: ENTITLED } },
				orderBy: { user: { name: 'asc' } },
				select: { user: { select: { id: true, name: true, phone: true } } }
			},
			meals: { select: { userId: true } }
		}
	});
	return shifts.map(({ assignments, meals, ...shift }) => {
		const served = new Set(meals.map((meal) => meal.userId));
		return {
			...shift,
			entitled: assignments.length,
			served: assignments.filter(({ user }) => served.has(user.id)).length,
			missing: assignments.filter(({ user }) => !served.has(user.id)).map(({ user }) => user)
		};
	});
}
