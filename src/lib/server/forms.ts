// The one way a form action is written. Every action goes through `formAction`, in this order:
// who may call it (the area's roles), which operation it touches (checked against the person's
// operations), what it sends (valibot), the domain call, and the failure the page shows.
//
// A failure always has the same shape, `{ form, errors, message, values }`: `form` names the form
// on the page (a page with several forms shows the error beside the one that failed), and record
// ids travel as fields (usually a hidden `id`), echoed back in `values`, never inside `form`.
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type * as v from 'valibot';
import type { Area } from '$lib/roles';
import { formObject, safeValues, validate, type FieldErrors } from '$lib/schemas/forms';
import type { FormFailure } from '$lib/forms';
import { requireArea } from './auth/guards';
import type { SessionUser } from './auth/session';
import { toDomainError } from './errors';
import { errorText } from '$lib/i18n';
import { guestErrorText } from '$lib/guests/i18n';
import { requireOperation, workingOperation, type OperationScope } from './operations/access';

export type { FormFailure };

interface Context<S extends v.GenericSchema> {
	user: SessionUser;
	data: v.InferOutput<S>;
	/** The raw form, for the rare field a schema does not describe (request lines, files). */
	input: Record<string, unknown>;
	/** What was sent, safe to show again (a success that redraws the form, such as a preview). */
	values: Record<string, string>;
	event: RequestEvent;
}

interface ScopedContext<S extends v.GenericSchema> extends Context<S> {
	operation: OperationScope;
}

interface Options<S extends v.GenericSchema> {
	/** The form's name on the page: failures and successes carry it. */
	form: string;
	/** Who may call it; hooks.server.ts refuses other roles too, this is the action's own check. */
	area: Area;
	schema: S;
	/** Fields that keep every value (checkbox groups, multi-selects). */
	arrays?: readonly string[];
	/** Fields never sent back after a failure (passwords and tokens never are). */
	omitValues?: readonly string[];
	/** A domain error about `field` is shown under another input of this form. */
	fieldAliases?: Record<string, string>;
}

type Result = Record<string, unknown> | void;

/** What a successful action returns: its form's name, `done`, and anything the domain call gave. */
export type FormSuccess<R> = { form: string; done: true } & (R extends Record<string, unknown> ? R : object);

/**
 * An action not tied to one operation (an account, a person's own booking).
 * `run` may `redirect()`; a DomainError becomes `fail(status, { form, errors, message, values })`.
 */
export function formAction<S extends v.GenericSchema, R extends Result>(
	options: Options<S> & { run: (context: Context<S>) => Promise<R> | R }
) {
	return async (event: RequestEvent): Promise<FormSuccess<R> | ActionFailure<FormFailure>> => {
		const user = requireArea(options.area, event);
		const parsed = await parseForm(event, options);
		if (!parsed.ok) return parsed.failure;
		const { data, input, values } = parsed;
		return settle(options, values, () => options.run({ user, data, input, values, event }));
	};
}

/**
 * An action on one operation: `operation` picks its id (from the page's params or a field; none
 * means the person's working operation), and the person must belong to it (admins to all).
 * Records the action touches must still be checked to belong to that operation, in the domain.
 */
export function operationAction<S extends v.GenericSchema, R extends Result>(
	options: Options<S> & {
		operation?: (
			event: RequestEvent,
			data: v.InferOutput<S>
		) => string | null | undefined | Promise<string | null | undefined>;
		run: (context: ScopedContext<S>) => Promise<R> | R;
	}
) {
	return async (event: RequestEvent): Promise<FormSuccess<R> | ActionFailure<FormFailure>> => {
		const user = requireArea(options.area, event);
		const parsed = await parseForm(event, options);
		if (!parsed.ok) return parsed.failure;
		const { data, input, values } = parsed;
		return settle(options, values, async () => {
			const wanted = await options.operation?.(event, data);
			const operation = wanted ? await requireOperation(user, wanted) : await workingOperation(user);
			return options.run({ user, data, input, values, event, operation });
		});
	};
}

/**
 * An action on a signed-out page (sign in, sign up, a welcome or set-up link): nobody to check
 * yet, so `run` checks what the page is about itself (the link's token, the throttles of
 * server/auth). `run` usually ends with `redirect()`.
 */
export function publicAction<S extends v.GenericSchema, R extends Result>(
	options: Omit<Options<S>, 'area'> & { run: (context: Omit<Context<S>, 'user'>) => Promise<R> | R }
) {
	return async (event: RequestEvent): Promise<FormSuccess<R> | ActionFailure<FormFailure>> => {
		const parsed = await parseForm(event, options);
		if (!parsed.ok) return parsed.failure;
		const { data, input, values } = parsed;
		return settle(options, values, () => options.run({ data, input, values, event }));
	};
}

interface GuestOptions<S extends v.GenericSchema> {
	form: string;
	schema: S;
	/** The largest body accepted, in bytes: checked from Content-Length before anything is read. */
	maxBytes: number;
	omitValues?: readonly string[];
}

/**
 * An action on a public guest page: nobody is signed in (hooks.server.ts does not even read a
 * session there), so the caller is a network address. The body's size is bounded before it is
 * read; `run` applies the rate limits of what it does (server/guests/limits.ts). Messages are in
 * the guest's language (guest.inlang).
 */
export function guestAction<S extends v.GenericSchema, R extends Result>(
	options: GuestOptions<S> & {
		run: (context: {
			data: v.InferOutput<S>;
			input: Record<string, unknown>;
			event: RequestEvent;
			address: string;
		}) => Promise<R> | R;
	}
) {
	return async (event: RequestEvent): Promise<FormSuccess<R> | ActionFailure<FormFailure>> => {
		const length = Number(event.request.headers.get('content-length') ?? Number.NaN);
		if (!(length <= options.maxBytes)) {
			const failure: FormFailure = {
				form: options.form,
				errors: {},
				message: guestErrorText('too_large'),
				values: {}
			};
			return fail(413, failure);
		}
		const parsed = await parseForm(event, options);
		if (!parsed.ok) return parsed.failure;
		const { data, input, values } = parsed;
		const address = event.getClientAddress();
		return settle(options, values, () => options.run({ data, input, event, address }), guestErrorText);
	};
}

async function parseForm<S extends v.GenericSchema>(
	event: RequestEvent,
	options: Pick<Options<S>, 'form' | 'schema' | 'arrays' | 'omitValues'>
) {
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		// Not a form at all (a hand-made request): the same answer as an empty one.
		form = new FormData();
	}
	const input = formObject(form, options.arrays);
	const values = safeValues(input, options.omitValues);
	for (const name of options.arrays ?? []) values[name] = (input[name] as string[]).join('\n');
	const parsed = validate(options.schema, input);
	if (!parsed.ok) {
		return {
			ok: false as const,
			failure: fail(400, { form: options.form, errors: parsed.errors, values } satisfies FormFailure)
		};
	}
	return { ok: true as const, data: parsed.data as v.InferOutput<S>, input, values };
}

/** Runs the domain call: its result as this form's success, a DomainError as its failure. */
async function settle<R extends Result>(
	options: Pick<Options<v.GenericSchema>, 'form' | 'fieldAliases'>,
	values: Record<string, string>,
	work: () => Promise<R> | R,
	textOf: typeof errorText = errorText
): Promise<FormSuccess<R> | ActionFailure<FormFailure>> {
	try {
		const result = await work();
		return { ...(result ?? {}), form: options.form, done: true } as FormSuccess<R>;
	} catch (caught) {
		return domainFailure(options, caught, values, textOf);
	}
}

/** A DomainError (or a database error that means "no such record") as this form's failure. */
function domainFailure(
	options: Pick<Options<v.GenericSchema>, 'form' | 'fieldAliases'>,
	caught: unknown,
	values: Record<string, string>,
	textOf: typeof errorText = errorText
) {
	const error = toDomainError(caught);
	const text = textOf(error.code, error.options.params);
	const field = error.options.field && (options.fieldAliases?.[error.options.field] ?? error.options.field);
	const errors: FieldErrors = field ? { [field]: text } : {};
	return fail(error.status, {
		form: options.form,
		code: error.code,
		errors,
		message: field ? undefined : text,
		values
	} satisfies FormFailure);
}
