// This browser's push subscription: stored on POST (only for known push-service hosts), dropped on
// DELETE. JSON in, JSON out; refusals are 4xx with a message the page shows as it is.
import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { validate } from '$lib/schemas/forms';
import { subscriptionSchema } from '$lib/schemas/notify';
import { requireArea } from '$lib/server/auth/guards';
import { jsonError } from '$lib/server/http';
import { removeDeviceByEndpoint, saveSubscription } from '$lib/server/notify';
import { readJson } from '../../patrol/handle';
import type { RequestHandler } from './$types';

const unsubscribeSchema = v.object({ endpoint: subscriptionSchema.entries.endpoint });

function invalid(errors: Record<string, string>) {
	const message = Object.values(errors)[0] ?? m.error_unexpected();
	return json({ code: 'invalid', message, errors }, { status: 400 });
}

export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const parsed = validate(subscriptionSchema, await readJson(request));
	if (!parsed.ok) return invalid(parsed.errors);
	try {
		const device = await saveSubscription(user.id, {
			...parsed.data,
			userAgent: request.headers.get('user-agent')?.slice(0, 300)
		});
		return json({ id: device.id }, { status: 201 });
	} catch (caught) {
		return jsonError(caught);
	}
};

export const DELETE: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	const parsed = validate(unsubscribeSchema, await readJson(request));
	if (!parsed.ok) return invalid(parsed.errors);
	await removeDeviceByEndpoint(user.id, parsed.data.endpoint);
	return new Response(null, { status: 204 });
};
