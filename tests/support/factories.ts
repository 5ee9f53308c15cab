// Test data made by code, each call unique, so tests never depend on each other's rows.
import { hashPassword } from '$lib/server/auth/password';
import { db, type AccountStatus, type Role } from '$lib/server/db';

let counter = 0;
export const unique = (prefix = 'x') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const PASSWORD = 'correct horse battery';
// Hashing with argon2 takes tens of milliseconds; one hash serves every factory-made account.
let passwordHash: Promise<string> | undefined;

export async function makeUser(
	overrides: {
		role?: Role;
		status?: AccountStatus;
		name?: string;
		email?: string;
		phone?: string;
		locale?: string;
		/** false: an account whose person never chose a password (a roster import). */
		passwordSet?: boolean;
	} = {}
) {
	passwordHash ??= hashPassword(PASSWORD);
	const id = unique('u');
	return db.user.create({
		data: {
			email: overrides.email ?? `${id}@test.redband`,
			name: overrides.name ?? `Person ${id}`,
			phone: overrides.phone ?? null,
			passwordHash: await passwordHash,
			passwordSetAt: overrides.passwordSet === false ? null : new Date(),
			role: overrides.role ?? 'VOLUNTEER',
			status: overrides.status ?? 'ACTIVE',
			locale: overrides.locale ?? 'en',
			profile: { create: {} }
		}
	});
}

const HOUR = 60 * 60 * 1000;

export async function makeOperation(
	overrides: { timezone?: string; startsAt?: Date; endsAt?: Date; name?: string } = {}
) {
	const now = Date.now();
	return db.operation.create({
		data: {
			name: overrides.name ?? unique('Operation '),
			timezone: overrides.timezone ?? 'Asia/Shanghai',
			startsAt: overrides.startsAt ?? new Date(now - 24 * HOUR),
			endsAt: overrides.endsAt ?? new Date(now + 72 * HOUR)
		}
	});
}

export async function makeZone(operationId: string, name = unique('Zone ')) {
	return db.zone.create({ data: { operationId, name } });
}

export async function makeRoute(
	operationId: string,
	options: { zoneId?: string; checkpoints?: number } = {}
) {
	const zoneId = options.zoneId ?? (await makeZone(operationId)).id;
	const name = unique('Route ');
	return db.route.create({
		data: {
			operationId,
			zoneId,
			name,
			checkpoints: {
				create: Array.from({ length: options.checkpoints ?? 5 }, (_, i) => ({
					operationId,
					position: i + 1,
					name: `${name} checkpoint ${i + 1}`,
					code: unique('C').toUpperCase(),
					lat: 31.19 + i * 0.001,
					lng: 121.3 + i * 0.001
				}))
			}
		},
		include: { checkpoints: { orderBy: { position: 'asc' } } }
	});
}

export async function makeShift(
	operationId: string,
	overrides: {
		routeId?: string;
		postId?: string;
		startsAt?: Date;
		endsAt?: Date;
		headcount?: number;
		leaderId?: string;
	} = {}
) {
	const startsAt = overrides.startsAt ?? new Date(Date.now() + 2 * HOUR);
	return db.shift.create({
		data: {
			operationId,
			routeId: overrides.routeId ?? null,
			postId: overrides.postId ?? null,
			startsAt,
			endsAt: overrides.endsAt ?? new Date(startsAt.getTime() + 4 * HOUR),
			headcount: overrides.headcount ?? 4,
			leaderId: overrides.leaderId ?? null
		}
	});
}

export async function assign(shiftId: string, userId: string) {
	return db.assignment.create({ data: { shiftId, userId } });
}
