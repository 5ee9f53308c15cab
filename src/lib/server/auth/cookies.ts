import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
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

/** Signs a person in (startSession) and switches the app to their language, on every device they use. */
export async function startSessionIn(cookies: Cookies, user: { id: string; locale: string }): Promise<void> {
	await startSession(cookies, user.id);
	cookies.set(cookieName, user.locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
}

// Characters a path may hold unencoded (RFC 3986 pchar without percent-encoding, and "/").
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
// Control characters (C0, DEL, C1), any whitespace, backslashes, and the Unicode line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEVER = /[\u0000-\u001f\u007f-\u009f\s\\\u2028\u2029]/;

function decodedForms(text: string): string[] {
	const forms = [text];
	for (let i = 0; i < 3; i++) {
		try {
			const next = decodeURIComponent(forms[forms.length - 1]);
			if (next === forms[forms.length - 1]) break;
			forms.push(next);
		} catch {
			return [...forms, '\\'];
		}
	}
	return forms;
}

/**
 * Where to go after signing in or switching language: a path on this site, or null. Parsed against
 * the app's own origin and refused unless it stays there; control characters, whitespace,
 * backslashes, "//" and percent-encoded paths are refused outright, whatever a browser would make
 * of them ("/\t/evil.example" is "//evil.example" to a browser).
 */
export function safeRedirectPath(
	target: string | null | undefined,
	origin = 'http://localhost'
): string | null {
	if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return null;
	const cut = target.search(/[?#]/);
	const path = cut === -1 ? target : target.slice(0, cut);
	const rest = cut === -1 ? '' : target.slice(cut);
	if (!PLAIN_PATH.test(path) || path.includes('//')) return null;
	if (decodedForms(rest).some((form) => NEVER.test(form))) return null;
	let url: URL;
	try {
		const base = new URL(origin);
		url = new URL(target, base);
		if (url.origin !== base.origin) return null;
	} catch {
		return null;
	}
	const result = url.pathname + url.search + url.hash;
	return result.startsWith('/') && !result.startsWith('//') ? result : null;
}
