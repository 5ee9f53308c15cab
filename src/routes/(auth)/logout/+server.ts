import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.session) await invalidateSession(locals.session.id);
	deleteSessionCookie(cookies);
	redirect(303, '/login');
};
