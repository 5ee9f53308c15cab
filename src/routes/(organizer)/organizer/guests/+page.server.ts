import { cardEnabledSchema, cardSchema, guestPhoneSchema } from '$lib/schemas/guests';
import { requireArea } from '$lib/server/auth/guards';
import { operationAction } from '$lib/server/forms';
import {
	cardLink,
	createCard,
	guestCardsOf,
	setCardEnabled,
	setZoneGuestPhone
} from '$lib/server/guests/cards';
import { requestsFor } from '$lib/server/guests/help';
import { currentOperationOf } from '$lib/server/operations/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const user = requireArea('organizer');
	const operation = await currentOperationOf(user);
	if (!operation) return { operation: null, zones: [], requests: [], origin: url.origin, userId: user.id };
	const [zones, { requests }] = await Promise.all([
		guestCardsOf(operation.id),
		requestsFor(user, operation.id)
	]);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		zones: zones.map((zone) => ({
			...zone,
			guestCards: zone.guestCards.map((card) => ({ ...card, link: cardLink(url.origin, card.code) }))
		})),
		requests,
		userId: user.id
	};
}) satisfies PageServerLoad;

export const actions = {
	card: operationAction({
		area: 'organizer',
		form: 'card',
		schema: cardSchema,
		run: async ({ user, data, operation }) => {
			const card = await createCard(user.id, operation.id, data);
			return { code: card.code };
		}
	}),
	enabled: operationAction({
		area: 'organizer',
		form: 'enabled',
		schema: cardEnabledSchema,
		run: async ({ user, data, operation }) => {
			await setCardEnabled(user.id, operation.id, data.id, data.enabled === 'true');
			return { id: data.id };
		}
	}),
	phone: operationAction({
		area: 'organizer',
		form: 'phone',
		schema: guestPhoneSchema,
		run: async ({ user, data, operation }) => {
			await setZoneGuestPhone(user.id, operation.id, data.id, data.guestPhone ?? null);
			return { id: data.id };
		}
	})
} satisfies Actions;
