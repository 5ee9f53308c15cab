// Sessions as the Lucia guide teaches: the browser holds a random token, the database holds only
// its SHA-256, and the expiry slides forward while the session is used.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { db } from '../db';
import type { AccountStatus, Role } from '../db';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WHEN_LEFT = 15 * DAY;

export const SESSION_COOKIE = 'session';

/** What the app knows about the signed-in person on every request; nothing secret. */
export interface SessionUser {
	id: string;
	name: string;
	email: string;
	role: Role;
	status: AccountStatus;
	locale: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(token: string, userId: string): Promise<Session> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME)
	};
	await db.session.create({ data: session });
	return session;
}

export type SessionValidation = { session: Session; user: SessionUser } | { session: null; user: null };

/** The session and its person in one row. */
interface SessionRow {
	id: string;
	userId: string;
	expiresAt: Date | string | number;
	name: string;
	email: string;
	role: Role;
	status: AccountStatus;
	locale: string;
}

/**
 * One query per request: the session joined with its user (Prisma's `include` reads them in two
 * on SQLite, and this runs before every signed-in request). The expiry is written only when it
 * slides, which happens at most once in RENEW_WHEN_LEFT per session.
 */
export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const [row] = await db.$queryRaw<SessionRow[]>`
		SELECT s."id", s."userId", s."expiresAt", u."name", u."email", u."role", u."status", u."locale"
		FROM "Session" s JOIN "User" u ON u."id" = s."userId"
		WHERE s."id" = ${id}`;
	if (!row) return { session: null, user: null };
	const now = Date.now();
	const expiresAt = new Date(row.expiresAt);
	if (now >= expiresAt.getTime()) {
		await db.session.deleteMany({ where: { id } });
		return { session: null, user: null };
	}
	const session: Session = { id: row.id, userId: row.userId, expiresAt };
	if (expiresAt.getTime() - now < RENEW_WHEN_LEFT) {
		session.expiresAt = new Date(now + SESSION_LIFETIME);
		await db.session.update({ where: { id }, data: { expiresAt: session.expiresAt } });
	}
	const user: SessionUser = {
		id: row.userId,
		name: row.name,
		email: row.email,
		role: row.role,
		status: row.status,
		locale: row.locale
	};
	return { session, user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateUserSessions(userId: string): Promise<void> {
	await db.session.deleteMany({ where: { userId } });
}

export async function deleteExpiredSessions(now = new Date()): Promise<number> {
	const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
	return count;
}
