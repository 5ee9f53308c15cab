/**
 * Reading a form result on a page with several forms: each failure carries the `target` of the
 * form it came from, and only that form shows its errors, values and message.
 */
export function formTargets(form: unknown) {
	const failed = (target: string) => {
		const result = form as {
			target?: string;
			errors?: Record<string, string>;
			values?: Record<string, string>;
			message?: string;
		} | null;
		return result && result.target === target ? result : null;
	};
	return {
		failed: (target: string) => !!failed(target),
		errorsOf: (target: string): Record<string, string> => failed(target)?.errors ?? {},
		valuesOf: (target: string): Record<string, string> | undefined => failed(target)?.values,
		messageOf: (target: string): string | undefined => failed(target)?.message
	};
}
