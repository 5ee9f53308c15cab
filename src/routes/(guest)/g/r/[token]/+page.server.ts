import * as v from 'valibot';
import { guestAction } from '$lib/server/forms';
import { closeByGuest, guestView } from '$lib/server/guests/help';
import { guestPageError } from '../../errors.server';
import { languageAction } from '../../language.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, getClientAddress, depends }) => {
	depends('guest:request');
	try {
		return { request: await guestView(params.token, getClientAddress()), now: new Date() };
	} catch (caught) {
		guestPageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	close: guestAction({
		form: 'close',
		schema: v.object({}),
		maxBytes: 1024,
		run: ({ event, address }) => closeByGuest(event.params.token!, address)
	}),
	language: languageAction
} satisfies Actions;
