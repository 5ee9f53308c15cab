import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { qrSvg } from '$lib/server/operations/posters';
import { zoneCard } from '$lib/server/operations/setup';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	requireArea('organizer');
	try {
		const zone = await zoneCard(params.id);
		const help = `${url.origin}/help`;
		return { zone, help, qr: await qrSvg(help) };
	} catch (caught) {
		if (caught instanceof DomainError) error(404, caught.message);
		throw caught;
	}
}) satisfies PageServerLoad;
