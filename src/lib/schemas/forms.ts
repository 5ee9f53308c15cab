import * as v from 'valibot';

/** One message per field, the first that failed: what a form shows under each input. */
export type FieldErrors = Record<string, string>;

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validate<S extends v.GenericSchema>(schema: S, input: unknown): Validation<v.InferOutput<S>> {
	const result = v.safeParse(schema, input);
	if (result.success) return { ok: true, data: result.output };
	const errors: FieldErrors = {};
	for (const issue of result.issues) {
		const field = v.getDotPath(issue) ?? 'form';
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/**
 * FormData as a plain object for valibot. Fields listed in `arrays` keep every value (checkbox
 * groups, multi-selects); the rest keep their last value.
 */
export function formObject(form: FormData, arrays: readonly string[] = []): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const name of arrays) object[name] = [];
	for (const [name, raw] of form) {
		if (typeof raw !== 'string') {
			object[name] = raw;
			continue;
		}
		// NUL is never text a person typed, and PostgreSQL refuses it in text columns.
		const value = raw.replaceAll('\0', '');
		if (arrays.includes(name)) (object[name] as string[]).push(value);
		else object[name] = value;
	}
	return object;
}

/** Values to send back to a form after a failed submit: never passwords or secrets. */
export function safeValues(input: Record<string, unknown>, omit: readonly string[] = []) {
	const values: Record<string, string> = {};
	for (const [name, value] of Object.entries(input)) {
		if (typeof value === 'string' && !omit.includes(name) && !/password|token|secret/i.test(name)) {
			values[name] = value;
		}
	}
	return values;
}

/** An optional text input: empty or blank becomes undefined. */
export const optionalText = <S extends v.GenericSchema<string, unknown>>(schema: S) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((text) => (text === '' ? undefined : text)),
		v.optional(schema)
	);

/** The id of the record a form acts on, sent in a hidden field named `id`. */
export const recordId = v.object({ id: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)) });

/** A form that creates a record, or edits the one its hidden `id` names. */
export const withId = <E extends v.ObjectEntries>(schema: v.ObjectSchema<E, undefined>) =>
	v.object({ ...schema.entries, id: optionalText(v.pipe(v.string(), v.maxLength(64))) });
