import { redirect } from '@sveltejs/kit';
import { PHOTO_MAX_BYTES } from '$lib/schemas/patrol';
import { helpRequestSchema } from '$lib/schemas/guests';
import { getLocale } from '$lib/paraglide-guest/runtime';
import { guestAction } from '$lib/server/forms';
import { publicCard, sendHelpRequest } from '$lib/server/guests/help';
import { photoFrom } from '$lib/server/guests/photos';
import { guestPageError } from '../errors.server';
import { languageAction } from '../language.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, getClientAddress }) => {
	try {
		return { card: await publicCard(params.code, getClientAddress()) };
	} catch (caught) {
		guestPageError(caught);
	}
}) satisfies PageServerLoad;

export const actions = {
	help: guestAction({
		form: 'help',
		schema: helpRequestSchema,
		// The photo (shrunk on the phone when it can) and a few short fields.
		maxBytes: PHOTO_MAX_BYTES + 16 * 1024,
		run: async ({ data, input, event, address }) => {
			const photo = await photoFrom(input.photo);
			const { token } = await sendHelpRequest(
				event.params.code!,
				{ ...data, locale: getLocale() },
				photo,
				address
			);
			redirect(303, `/g/r/${token}`);
		}
	}),
	language: languageAction
} satisfies Actions;
