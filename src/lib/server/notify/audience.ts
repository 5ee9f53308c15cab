// Who a broadcast reaches: people attached to one operation (members, and anyone placed on one
// of its shifts), narrowed by the filters. Never anyone from another operation.
import type { AudienceFilters } from '$lib/schemas/notify';
import { ON_SHIFT } from '$lib/shifts/status';
import { db } from '../db';

export interface Recipient {
	id: string;
	locale: string;
}

function audienceWhere(operationId: string, filters: AudienceFilters, now: Date) {
	const onShift = (shift: object) => ({
		assignments: { some: { status: { in: [...ON_SHIFT] }, shift: { operationId, ...shift } } }
	});
	const narrowing = [];
	if (filters.zoneIds?.length) {
		narrowing.push(
			onShift({
				OR: [{ post: { zoneId: { in: filters.zoneIds } } }, { route: { zoneId: { in: filters.zoneIds } } }]
			})
		);
	}
	if (filters.shiftIds?.length) narrowing.push(onShift({ id: { in: filters.shiftIds } }));
	if (filters.onDutyNow) narrowing.push(onShift({ startsAt: { lte: now }, endsAt: { gt: now } }));
	return {
		status: 'ACTIVE' as const,
		OR: [{ memberships: { some: { operationId } } }, onShift({})],
		...(filters.roles?.length ? { role: { in: filters.roles } } : {}),
		...(filters.locales?.length ? { locale: { in: filters.locales } } : {}),
		AND: narrowing
	};
}

export async function resolveAudience(
	operationId: string,
	filters: AudienceFilters,
	now = new Date()
): Promise<Recipient[]> {
	return db.user.findMany({
		where: audienceWhere(operationId, filters, now),
		select: { id: true, locale: true },
		orderBy: { id: 'asc' }
	});
}

export async function countAudience(operationId: string, filters: AudienceFilters, now = new Date()) {
	return db.user.count({ where: audienceWhere(operationId, filters, now) });
}
