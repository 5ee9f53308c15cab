import { requireArea } from '$lib/server/auth/guards';
import { cardLink, cardsToPrint } from '$lib/server/guests/cards';
import { pageError } from '$lib/server/http';
import { workingOperation } from '$lib/server/operations/access';
import { qrSvg } from '$lib/server/operations/posters';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('organizer');
	try {
		const operation = await workingOperation(user);
		const cards = await cardsToPrint(operation.id, {
			cardId: url.searchParams.get('card') ?? undefined,
			zoneId: url.searchParams.get('zone') ?? undefined
		});
		return {
			cards: await Promise.all(
				cards.map(async (card) => {
					const link = cardLink(url.origin, card.code);
					return { ...card, link, qr: await qrSvg(link) };
				})
			)
		};
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;
