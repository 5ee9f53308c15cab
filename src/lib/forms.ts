// Reading an action's answer on the page. Every action answers in one of two shapes (made by
// `$lib/server/forms.ts`): a failure `{ form, errors, message, values }` or a success
// `{ form, done: true, ... }`. A page with several forms asks about one form by its name and,
// when the same form is repeated per record, by the record's id (the hidden `id` field).

export interface FormFailure {
	form: string;
	/** The refusal's error code, when the domain refused (a page may offer a way out, "sign in instead"). */
	code?: string;
	errors: Record<string, string>;
	message?: string;
	/** What was sent, to fill the form again (never passwords or tokens). */
	values: Record<string, string>;
}

export interface FormState {
	/** This form's submit failed: open it again and show its errors. */
	failed: boolean;
	/** This form's submit succeeded. */
	done: boolean;
	errors: Record<string, string>;
	message: string | undefined;
	/** The domain's error code of a refusal, else undefined. */
	code: string | undefined;
	/** The values sent with a failed submit, else undefined (show the saved ones). */
	values: Record<string, string> | undefined;
}

const idle: FormState = {
	failed: false,
	done: false,
	errors: {},
	message: undefined,
	code: undefined,
	values: undefined
};

type Answer = { form?: unknown; done?: unknown; errors?: unknown; values?: unknown; id?: unknown } | null;

/**
 * The state of form `name` (for record `id`, when the page repeats it; '' for the form that makes
 * a new one) from the page's `form` prop. A success names its record through `id` in what the
 * action returned.
 */
export function formState(answer: unknown, name: string, id?: string): FormState {
	const result = answer as Answer;
	if (!result || typeof result !== 'object' || result.form !== name) return idle;
	if (result.done === true) {
		if (id !== undefined && (result.id ?? '') !== id) return idle;
		return { ...idle, done: true };
	}
	const failure = result as unknown as FormFailure;
	if (id !== undefined && (failure.values?.id ?? '') !== id) return idle;
	return {
		failed: true,
		done: false,
		errors: failure.errors ?? {},
		message: failure.message,
		code: failure.code,
		values: failure.values
	};
}
