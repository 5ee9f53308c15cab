import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** For load balancers and uptime checks: the app answers. (Also the bare baseline in npm run bench.) */
export const GET: RequestHandler = () => json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
