import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { reportPhoto } from '$lib/server/reports/reports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	requireArea('organizer');
	const photo = await reportPhoto(params.id);
	if (!photo) error(404, m.error_report_not_found());
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'Content-Type': photo.contentType,
			// Personal data: kept by no shared cache.
			'Cache-Control': 'private, max-age=3600',
			'Content-Security-Policy': "default-src 'none'"
		}
	});
};
