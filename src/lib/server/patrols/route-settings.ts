// A route's coverage settings (how it is travelled, whether check-ins need a position, when a
// checkpoint counts as fresh or as a blind spot) and its posters' version. Re-printing the posters
// withdraws the old ones: from that moment their QR codes are refused at check-in, while check-ins
// scanned before it (and synced late) still count. Both audited.
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { forgetRoute } from './check-ins';

export interface RouteCoverageInput {
	travel: 'WALK' | 'CYCLE';
	requirePosition: boolean;
	freshMinutes: number;
	staleMinutes: number;
}

export async function saveRouteCoverage(
	actorId: string,
	operationId: string,
	routeId: string,
	input: RouteCoverageInput
) {
	if (input.staleMinutes <= input.freshMinutes) {
		throw new DomainError('route_thresholds_order', { field: 'staleMinutes' });
	}
	await db.$transaction(async (tx) => {
		const { count } = await tx.route.updateMany({ where: { id: routeId, operationId }, data: input });
		if (!count) throw new NotFoundError('route');
		await audit(tx, {
			actorId,
			action: 'route.coverage_updated',
			subjectType: 'Route',
			subjectId: routeId,
			operationId,
			detail: input
		});
	});
}

/**
 * Withdraws the route's posters; the next print carries the new version. (Other app instances
 * notice within their few seconds of route cache.)
 */
export async function replacePosters(actorId: string, operationId: string, routeId: string, at = new Date()) {
	const replaced = await db.$transaction(async (tx) => {
		const { count } = await tx.route.updateMany({
			where: { id: routeId, operationId },
			data: { posterVersion: { increment: 1 }, postersReplacedAt: at }
		});
		if (!count) throw new NotFoundError('route');
		const route = await tx.route.findUniqueOrThrow({
			where: { id: routeId },
			select: { posterVersion: true, postersReplacedAt: true }
		});
		await audit(tx, {
			actorId,
			action: 'route.posters_replaced',
			subjectType: 'Route',
			subjectId: routeId,
			operationId,
			detail: { version: route.posterVersion }
		});
		return route;
	});
	forgetRoute(routeId);
	return replaced;
}
