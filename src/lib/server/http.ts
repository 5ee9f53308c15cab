// Turning domain failures into what the browser gets outside form actions: a 4xx JSON body, or the
// error page. Form actions answer through server/forms.ts.
import { error as httpError, json } from '@sveltejs/kit';
import { errorText } from '$lib/i18n';
import { toDomainError } from './errors';

/** A JSON 4xx for a DomainError or a missing record (rethrows anything else). */
export function jsonError(caught: unknown): Response {
	const error = toDomainError(caught);
	return json(
		{ code: error.code, field: error.options.field, message: errorText(error.code, error.options.params) },
		{ status: error.status }
	);
}

/** For loads: a DomainError or a missing record becomes the error page with its message (rethrows anything else). */
export function pageError(caught: unknown): never {
	const error = toDomainError(caught);
	httpError(error.status, errorText(error.code, error.options.params));
}

/**
 * A stored photo as the answer to a GET: private, never run as anything but an image. A domain
 * error becomes its status; no photo is a 404 with `missing`'s message.
 */
export async function photoAnswer(
	load: () => Promise<{ contentType: string; bytes: Uint8Array } | null>,
	missing: string
): Promise<Response> {
	let photo;
	try {
		photo = await load();
	} catch (caught) {
		const error = toDomainError(caught);
		httpError(error.status, errorText(error.code, error.options.params));
	}
	if (!photo) httpError(404, errorText(missing));
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'Content-Type': photo.contentType,
			'Cache-Control': 'private, max-age=3600',
			'Content-Security-Policy': "default-src 'none'"
		}
	});
}
