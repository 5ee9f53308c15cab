import { requireArea } from '$lib/server/auth/guards';
import { qrSvg } from '$lib/server/operations/posters';
import { zoneCard } from '$lib/server/operations/setup';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/http';

export const load = (async ({ params, url }) => {
	requireArea('organizer');
	try {
		const zone = await zoneCard(params.id);
		const help = `${url.origin}/help`;
		return { zone, help, qr: await qrSvg(help) };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;
