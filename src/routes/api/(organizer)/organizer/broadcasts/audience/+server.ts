// The compose page's live count: the same form fields, answered with how many people they reach.
import { json } from '@sveltejs/kit';
import { formObject, validate } from '$lib/schemas/forms';
import { AUDIENCE_ARRAYS, audienceSchema } from '$lib/schemas/notify';
import { requireArea } from '$lib/server/auth/guards';
import { jsonError } from '$lib/server/http';
import { previewAudience } from '$lib/server/notify';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const actor = requireArea('organizer');
	const parsed = validate(audienceSchema, formObject(await request.formData(), AUDIENCE_ARRAYS));
	if (!parsed.ok) return json({ code: 'invalid', errors: parsed.errors }, { status: 400 });
	const { operationId, ...audience } = parsed.data;
	try {
		return json(await previewAudience(actor, { operationId, audience }));
	} catch (caught) {
		return jsonError(caught);
	}
};
