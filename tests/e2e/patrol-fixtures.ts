// Patrol data for end-to-end tests, written straight into the test server's database: each test
// gets its own volunteer on its own North Loop shift (running now), so tests never share a patrol.
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { createDb, type Db } from '../../src/lib/server/db';
import { databaseTarget } from '../../src/lib/server/db/target';
import { open, signIn } from './support';

/** The requests the outbox sends. */
export const SEND = /\/api\/patrol\/(start|check-ins|reports|end)$/;

/** Signs in, opens the patrol screen and waits until the service worker holds it for offline use. */
export async function readyOffline(page: Page, email: string) {
	await signIn(page, email);
	await open(page, '/patrol');
	// The worker first caches the app and the volunteer's pages: a minute at most on a busy machine.
	await expect(page.getByText('Ready to work offline.')).toBeVisible({ timeout: 60_000 });
}

let client: Db | undefined;

export function e2eDb(): Db {
	client ??= createDb(databaseTarget(`file:${join(process.env.E2E_DATA_DIR!, 'e2e.db')}`));
	return client;
}

const MINUTE = 60_000;

export async function patrolVolunteer(label: string, options: { startedMinutesAgo?: number } = {}) {
	const db = e2eDb();
	const demo = await db.user.findUniqueOrThrow({ where: { email: 'volunteer@redband.demo' } });
	const organizer = await db.user.findUniqueOrThrow({ where: { email: 'organizer@redband.demo' } });
	const route = await db.route.findFirstOrThrow({
		where: { name: 'North Loop' },
		include: { checkpoints: { orderBy: { position: 'asc' } } }
	});
	const email = `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.redband`;
	// The demo password's hash: signs in with the demo password, without hashing again.
	const user = await db.user.create({
		data: {
			email,
			name: `Patroller ${label}`,
			passwordHash: demo.passwordHash,
			role: 'VOLUNTEER',
			status: 'ACTIVE',
			profile: { create: {} },
			memberships: { create: { operationId: route.operationId } }
		}
	});
	const startsAt = new Date(Date.now() - (options.startedMinutesAgo ?? 20) * MINUTE);
	const shift = await db.shift.create({
		data: {
			operationId: route.operationId,
			routeId: route.id,
			startsAt,
			endsAt: new Date(startsAt.getTime() + 4 * 60 * MINUTE),
			headcount: 1,
			leaderId: organizer.id
		}
	});
	const assignment = await db.assignment.create({ data: { shiftId: shift.id, userId: user.id } });
	return { email, user, shift, assignment, route, checkpoints: route.checkpoints };
}

/** What reached the server for this person. */
export async function stored(userId: string) {
	const db = e2eDb();
	const [patrols, checkIns, reports] = await Promise.all([
		db.patrol.findMany({ where: { userId } }),
		db.checkIn.findMany({ where: { userId }, orderBy: { happenedAt: 'asc' } }),
		db.fieldReport.findMany({ where: { userId }, include: { photo: true } })
	]);
	return { patrols, checkIns, reports };
}
