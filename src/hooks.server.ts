import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { isHttpError, json, redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { canEnter, type Area } from '$lib/roles';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { startBackgroundJobs } from '$lib/server/jobs';

export const init: ServerInit = async () => {
	startBackgroundJobs();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Always sets locals.user and locals.session (null when signed out), as the Lucia guide does. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = await validateSessionToken(token);
	if (session) setSessionCookie(event.cookies, token, session.expiresAt);
	else deleteSessionCookie(event.cookies);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/** The route group a request falls in decides who may make it: pages, actions and APIs alike. */
function areaOf(routeId: string | null): Area | null {
	const group = routeId?.match(/\/\((volunteer|logistics|organizer|admin)\)/);
	return group ? (group[1] as Area) : null;
}

const handleAccess: Handle = async ({ event, resolve }) => {
	const area = areaOf(event.route.id);
	if (!area) return resolve(event);
	const isApi = event.url.pathname.startsWith('/api/');
	const user = event.locals.user;
	if (!user || user.status !== 'ACTIVE') {
		if (isApi) return json({ message: m.error_signed_out() }, { status: 401 });
		if (!user) {
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		redirect(303, '/status');
	}
	if (!canEnter(user.role, area)) {
		if (isApi) return json({ message: m.error_forbidden() }, { status: 403 });
		// Page views are refused by the group's +layout.server.ts, which renders the app's own 403
		// page (an error thrown here would get the bare fallback page). Everything else stops here.
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
			return new Response(m.error_forbidden(), { status: 403 });
		}
	}
	return resolve(event);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleLocale, handleSession, handleAccess);

export const handleError: HandleServerError = ({ error: caught, status, message }) => {
	if (status !== 404 && !isHttpError(caught)) console.error(caught);
	return { message: status === 404 ? m.error_not_found() : status >= 500 ? m.error_unexpected() : message };
};
