// The outbox's requests, one shape for all: parse, validate, call the domain, answer JSON. A
// refusal is a 4xx with a message the phone shows as it is; a retry of a stored item is a 200.
import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { validate } from '$lib/schemas/forms';
import { jsonError } from '$lib/server/http';

export function invalid(errors: Record<string, string>) {
	const message = Object.values(errors)[0] ?? m.error_patrol_request();
	return json({ code: 'invalid', message, errors }, { status: 400 });
}

export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		return undefined;
	}
}

export async function handle<S extends v.GenericSchema, R>(
	schema: S,
	body: unknown,
	work: (input: v.InferOutput<S>) => Promise<{ duplicate: boolean; result: R }>
): Promise<Response> {
	if (typeof body !== 'object' || body === null) return invalid({ form: m.error_patrol_request() });
	const parsed = validate(schema, body);
	if (!parsed.ok) return invalid(parsed.errors);
	try {
		const { duplicate, result } = await work(parsed.data);
		return json({ ...result, duplicate }, { status: duplicate ? 200 : 201 });
	} catch (error) {
		return jsonError(error);
	}
}
