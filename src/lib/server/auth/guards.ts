// Permission checks for loads and actions. Every action calls one of these itself: a layout's load
// does not run for a form POST, so it cannot protect one.
import { error, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { m } from '$lib/paraglide/messages';
import { canEnter, type Area } from '$lib/roles';
import type { SessionUser } from './session';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'> = getRequestEvent()): SessionUser {
	const { locals, url } = event;
	if (!locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	if (locals.user.status !== 'ACTIVE') redirect(303, '/status');
	return locals.user;
}

export function requireArea(
	area: Area,
	event: Pick<RequestEvent, 'locals' | 'url'> = getRequestEvent()
): SessionUser {
	const user = requireUser(event);
	if (!canEnter(user.role, area)) error(403, m.error_forbidden());
	return user;
}
