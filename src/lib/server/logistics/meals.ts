// Meals per shift: everyone on a shift is entitled to one meal, marked served once. The unique
// index on (shift, person) settles two phones ticking the same name at the same moment.
//
// When the operation keeps meals in stock (items marked as meals), serving one takes a box from
// the stock where it is eaten: the shift's post, or for a shift without a post (a patrol) the
// depot logistics named. The serving and the box's ledger row are one transaction, and the row
// points at the serving through a unique column, so a meal takes its box exactly once: a second
// tick of the same name fails on the serving's unique index and takes nothing.
import { isExpired, oldestFirst } from '$lib/logistics/lots';
import { toSteps } from '$lib/logistics/units';
import { formatTime } from '$lib/time';
import { db, isUniqueViolation, type Tx } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { isStockStaff, type Actor } from './access';
import { readBadge } from './badge';
import { moveOut } from './ledger';
import { announce, mealsChannel } from './live';
import { publish } from '../live/bus';
import { WORKING } from '$lib/shifts/status';

const HOUR = 60 * 60 * 1000;
/** People on these assignments are entitled to a meal. */
const ENTITLED = [...WORKING];
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

/** The operation a shift's tick list belongs to: what the screens check the person works on. */
export async function mealShiftOperation(shiftId: string) {
	const shift = await db.shift.findUnique({ where: { id: String(shiftId) }, select: { operationId: true } });
	if (!shift) throw new NotFoundError('shift');
	return shift.operationId;
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
			operationId: true,
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
		include: {
			operation: { select: { timezone: true, mealDepotId: true } },
			post: { select: { name: true } }
		}
	});
	if (!shift) throw new NotFoundError('shift');
	if (!mayServe(actor, shift)) throw new ForbiddenError('meal_not_your_shift');
	const entitled = await db.assignment.findFirst({
		where: { shiftId: shift.id, userId: String(input.userId), status: { in: ENTITLED } },
		select: { user: { select: { id: true, name: true } } }
	});
	if (!entitled) throw new DomainError('meal_not_entitled', { status: 404 });
	let tookBox = false;
	try {
		tookBox = await db.$transaction(async (tx) => {
			const serving = await tx.mealServing.create({
				data: {
					shiftId: shift.id,
					userId: entitled.user.id,
					servedById: actor.id,
					method: input.method ?? 'TICK',
					servedAt: now
				}
			});
			return takeMealBox(tx, { ...shift, servingId: serving.id, actorId: actor.id }, now);
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
	// Every open tick list of this shift (another leader's phone, another tab) shows the serving.
	await publish(mealsChannel(shift.id)).catch((error) => console.error('[meals] live notice failed', error));
	if (tookBox) await announce(shift.operationId, shift.postId ?? undefined);
	return entitled.user;
}

/**
 * Takes one meal box for a serving from where the meal is eaten, the oldest usable lot of any meal
 * item first. False when the operation keeps no meals in stock.
 */
async function takeMealBox(
	tx: Tx,
	shift: {
		operationId: string;
		postId: string | null;
		post: { name: string } | null;
		operation: { mealDepotId: string | null };
		servingId: string;
		actorId: string;
	},
	now: Date
): Promise<boolean> {
	const meals = await tx.item.findMany({
		where: { operationId: shift.operationId, isMeal: true },
		select: { id: true, unit: true }
	});
	if (!meals.length) return false;
	const placeId = shift.postId ?? shift.operation.mealDepotId;
	if (!placeId) throw new DomainError('meal_no_depot', { status: 409 });
	const lots = await tx.stockBalance.findMany({
		where: { postId: placeId, itemId: { in: meals.map((item) => item.id) }, quantity: { gt: 0 } },
		select: { itemId: true, lot: true, quantity: true }
	});
	const oneBox = (itemId: string) => toSteps(1, meals.find((item) => item.id === itemId)!.unit)!;
	const lot = lots
		.filter((row) => !isExpired(row.lot, now) && row.quantity >= oneBox(row.itemId))
		.sort((a, b) => oldestFirst(a.lot, b.lot))[0];
	if (!lot) {
		const place = shift.post?.name ?? (await tx.post.findUnique({ where: { id: placeId } }))?.name ?? '';
		throw new DomainError('meal_out_of_stock', { status: 409, params: { place } });
	}
	await moveOut(
		tx,
		{
			operationId: shift.operationId,
			itemId: lot.itemId,
			quantity: oneBox(lot.itemId),
			reason: null,
			actorId: shift.actorId,
			mealServingId: shift.servingId,
			createdAt: now
		},
		'ISSUED',
		placeId,
		null,
		lot.lot
	);
	return true;
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
