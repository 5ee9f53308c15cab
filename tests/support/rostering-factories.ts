// Test data for rostering: volunteers with qualifications, shifts with requirements.
import { db } from '$lib/server/db';
import { addDays, zonedDate, zonedTime } from '$lib/time';
import { makeOperation, makeRoute, makeShift, makeUser } from './factories';

export const HOUR = 3_600_000;

export async function makeVolunteer(
	options: {
		skills?: { skill: string; verified?: boolean }[];
		languages?: string[];
		birthDate?: Date | null;
		phone?: string;
		operationId?: string;
		status?: 'ACTIVE' | 'PENDING' | 'SUSPENDED';
	} = {}
) {
	const user = await makeUser({ phone: options.phone, status: options.status });
	if (options.birthDate !== undefined) {
		await db.volunteerProfile.update({ where: { userId: user.id }, data: { birthDate: options.birthDate } });
	}
	for (const { skill, verified } of options.skills ?? []) {
		await db.userSkill.create({ data: { userId: user.id, skill, verifiedAt: verified ? new Date() : null } });
	}
	for (const code of options.languages ?? [])
		await db.userLanguage.create({ data: { userId: user.id, code } });
	if (options.operationId) {
		await db.operationMember.create({ data: { operationId: options.operationId, userId: user.id } });
	}
	return user;
}

/** An operation with one route, and a helper that makes shifts on it at hours from a base time. */
export async function rosterScene(rules: { minRestMinutes?: number; maxMinutesPerDay?: number } = {}) {
	const operation = await makeOperation();
	if (rules.minRestMinutes !== undefined || rules.maxMinutesPerDay !== undefined) {
		await db.operation.update({ where: { id: operation.id }, data: rules });
	}
	const route = await makeRoute(operation.id);
	// 06:00 tomorrow in the operation's timezone: in the future, and offsets up to 18 hours stay on
	// one calendar day (the hours-per-day rule counts per local day).
	const base = zonedTime(addDays(zonedDate(new Date(), operation.timezone), 1), '06:00', operation.timezone);
	const shiftAt = (
		fromHour: number,
		hours: number,
		extra: { headcount?: number; skills?: string[]; languages?: string[]; minAge?: number } = {}
	) =>
		makeShift(operation.id, {
			routeId: route.id,
			startsAt: new Date(base.getTime() + fromHour * HOUR),
			endsAt: new Date(base.getTime() + (fromHour + hours) * HOUR),
			headcount: extra.headcount ?? 2
		}).then(async (shift) => {
			const requirements = [
				...(extra.skills ?? []).map((code) => ({ shiftId: shift.id, kind: 'SKILL' as const, code })),
				...(extra.languages ?? []).map((code) => ({ shiftId: shift.id, kind: 'LANGUAGE' as const, code }))
			];
			if (requirements.length) await db.shiftRequirement.createMany({ data: requirements });
			if (extra.minAge) await db.shift.update({ where: { id: shift.id }, data: { minAge: extra.minAge } });
			return shift;
		});
	return { operation, route, base, shiftAt };
}

export async function eventsFor(shiftId: string) {
	const rows = await db.outboxEvent.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
	return rows
		.map((row) => ({ topic: row.topic, payload: JSON.parse(row.payload) as Record<string, unknown> }))
		.filter((event) => event.payload.shiftId === shiftId);
}

export async function statusOf(shiftId: string, userId: string) {
	return (await db.assignment.findUnique({ where: { shiftId_userId: { shiftId, userId } } }))?.status ?? null;
}
