import { db } from '../db';

/**
 * The operation people are working on: the one running now, else the next to start, else the
 * one that ended last.
 */
export async function currentOperation(now = new Date()) {
	return (
		(await db.operation.findFirst({
			where: { startsAt: { lte: now }, endsAt: { gte: now } },
			orderBy: { startsAt: 'asc' }
		})) ??
		(await db.operation.findFirst({ where: { startsAt: { gt: now } }, orderBy: { startsAt: 'asc' } })) ??
		(await db.operation.findFirst({ orderBy: { endsAt: 'desc' } }))
	);
}

export async function operationCounts(operationId: string) {
	const [volunteers, shifts, routes] = await Promise.all([
		db.operationMember.count({ where: { operationId, user: { status: 'ACTIVE', role: 'VOLUNTEER' } } }),
		db.shift.count({ where: { operationId } }),
		db.route.count({ where: { operationId } })
	]);
	return { volunteers, shifts, routes };
}

/** A route's checkpoints in walking order, for maps and check-in screens. */
export async function routeCheckpoints(routeId: string) {
	return db.checkpoint.findMany({
		where: { routeId },
		orderBy: { position: 'asc' },
		select: { id: true, position: true, name: true, lat: true, lng: true, code: true, instructions: true }
	});
}

/** The operation a screen works on: the one asked for, else the current one. */
export async function pickOperation(id?: string | null) {
	if (id) {
		const operation = await db.operation.findUnique({ where: { id } });
		if (operation) return operation;
	}
	return currentOperation();
}

export async function operationChoices() {
	return db.operation.findMany({ orderBy: { startsAt: 'desc' }, select: { id: true, name: true } });
}

export async function zoneChoices(operationId: string) {
	return db.zone.findMany({
		where: { operationId },
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
}

/** Routes and posts a shift can be at, for pickers. */
export async function placeChoices(operationId: string) {
	const [routes, posts] = await Promise.all([
		db.route.findMany({
			where: { operationId },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, zone: { select: { name: true } } }
		}),
		db.post.findMany({
			where: { operationId },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, kind: true, zone: { select: { name: true } } }
		})
	]);
	return { routes, posts };
}
