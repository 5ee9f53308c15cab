/**
 * An expected failure of a domain rule ("this email already has an account", "the shift is full").
 * Routes turn it into a form error or a 4xx JSON body; it never becomes a 500.
 *
 * `code` names a message in the i18n catalogue (`error_<code>`), so the text reaches the user in
 * their language; `field` ties it to a form field when there is one.
 */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly options: {
			field?: string;
			status?: 400 | 403 | 404 | 409 | 410 | 422 | 429;
			params?: Record<string, string | number>;
		} = {}
	) {
		super(code);
		this.name = 'DomainError';
	}

	get status() {
		return this.options.status ?? 400;
	}
}

export class NotFoundError extends DomainError {
	constructor(what: string) {
		super(`${what}_not_found`, { status: 404 });
	}
}

export class ForbiddenError extends DomainError {
	constructor(code = 'forbidden') {
		super(code, { status: 403 });
	}
}

/**
 * The DomainError a caught value stands for, or the value rethrown (a redirect, a bug). A write
 * that names a record that is gone or never existed (Prisma's P2025, or a foreign key that points
 * nowhere, P2003) is the client's mistake, not the server's: it becomes a 404, never a 500.
 */
export function toDomainError(caught: unknown): DomainError {
	if (caught instanceof DomainError) return caught;
	const code = (caught as { code?: unknown } | null)?.code;
	if (code === 'P2025' || code === 'P2003') return new NotFoundError('record');
	throw caught;
}
