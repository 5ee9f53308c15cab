import type { Cookies } from '@sveltejs/kit';
import { createSession, generateSessionToken, SESSION_COOKIE } from './session';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts)
 * and Secure in production. COOKIE_SECURE=false serves an intranet that has no TLS.
 */
function secure(): boolean {
	if (process.env.COOKIE_SECURE) return process.env.COOKIE_SECURE !== 'false';
	return process.env.NODE_ENV === 'production';
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(), path: '/' });
}

/** Signs the browser in: a new session row and its cookie. */
export async function startSession(cookies: Cookies, userId: string): Promise<void> {
	const token = generateSessionToken();
	const session = await createSession(token, userId);
	setSessionCookie(cookies, token, session.expiresAt);
}

/** Only same-site paths are followed after sign-in ("/x", never "//evil.example" or "/\\evil"). */
export function safeRedirectPath(path: string | null | undefined): string | null {
	if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
	return path;
}
