// Turning domain failures into what the browser gets: a form error with fail(), or a 4xx JSON body.
import { error as httpError, fail, json, type ActionFailure } from '@sveltejs/kit';
import { errorText } from '$lib/i18n';
import type { FieldErrors } from '$lib/schemas/forms';
import { DomainError } from './errors';

export interface FormFailure {
	errors: FieldErrors;
	message?: string;
	values?: Record<string, string>;
}

/**
 * fail() for a DomainError (rethrows anything else, which becomes a 500 and is logged). `extra`
 * tells the page where the error belongs when it has several forms (which card, which form).
 */
export function failWith<E extends Record<string, unknown> = Record<never, never>>(
	error: unknown,
	values?: Record<string, string>,
	extra?: E
): ActionFailure<FormFailure & E> {
	if (!(error instanceof DomainError)) throw error;
	const text = errorText(error.code, error.options.params);
	const field = error.options.field;
	const data = field ? { errors: { [field]: text }, values } : { errors: {}, message: text, values };
	return fail(error.status, { ...data, ...(extra as E) });
}

/** A JSON 4xx for a DomainError (rethrows anything else). */
export function jsonError(error: unknown): Response {
	if (!(error instanceof DomainError)) throw error;
	return json(
		{ code: error.code, field: error.options.field, message: errorText(error.code, error.options.params) },
		{ status: error.status }
	);
}

/** For loads: a DomainError becomes the error page with its message (rethrows anything else). */
export function pageError(caught: unknown): never {
	if (caught instanceof DomainError) httpError(caught.status, errorText(caught.code, caught.options.params));
	throw caught;
}
