import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { isHttpError, json, redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { paraglideMiddleware as guestMiddleware } from '$lib/paraglide-guest/server';
import { canEnter, type Area } from '$lib/roles';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { handleCompression } from '$lib/server/compress';
import { startBackgroundJobs } from '$lib/server/jobs';
import { installShutdown } from '$lib/server/shutdown';

export const init: ServerInit = async () => {
	// Prerendering (the phrase cards) starts the server at build time: no database, no jobs.
	if (!building) {
		// In development Vite owns the process and its Ctrl-C.
		if (!dev) installShutdown();
		startBackgroundJobs();
	}
};

/** The public pages guests open from a card: no session, their own languages and limits. */
const isGuestRoute = (routeId: string | null) => routeId?.startsWith('/(guest)/') ?? false;

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		if (!isGuestRoute(event.route.id)) {
			return resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
			});
		}
		// Guest pages speak the guest's language, one of eleven (guest.inlang).
		return guestMiddleware(request, ({ request: guestRequest, locale: guestLocale }) => {
			event.request = guestRequest;
			return resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', guestLocale)
			});
		});
	});

/** Always sets locals.user and locals.session (null when signed out), as the Lucia guide does. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	// A guest page never acts as anyone: a volunteer trying a card on their own phone is a guest.
	if (!token || isGuestRoute(event.route.id)) {
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
	// Nothing personal is kept by the browser's or a proxy's cache: a signed-in page (or its
	// __data.json) read back from a shared computer's cache after sign-out would show it again.
	const type = response.headers.get('content-type') ?? '';
	if (type.startsWith('application/json') || (event.locals.user && type.startsWith('text/html'))) {
		response.headers.set('Cache-Control', 'no-store');
	}
	if (isGuestRoute(event.route.id)) {
		// A guest's request lives at a secret link: never cached or indexed, its address never sent to
		// another site (same-origin, not no-referrer: a form posted without JavaScript must keep its Origin).
		response.headers.set('Cache-Control', 'no-store');
		response.headers.set('Referrer-Policy', 'same-origin');
		response.headers.set('X-Robots-Tag', 'noindex');
	}
	return response;
};

export const handle = sequence(
	handleCompression,
	handleSecurityHeaders,
	handleLocale,
	handleSession,
	handleAccess
);

export const handleError: HandleServerError = ({ error: caught, status, message }) => {
	if (status !== 404 && !isHttpError(caught)) console.error(caught);
	return { message: status === 404 ? m.error_not_found() : status >= 500 ? m.error_unexpected() : message };
};
