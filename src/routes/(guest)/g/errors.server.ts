import { error } from '@sveltejs/kit';
import { guestErrorText } from '$lib/guests/i18n';
import { toDomainError } from '$lib/server/errors';

/** For guest loads: a DomainError becomes the guest error page in the guest's language. */
export function guestPageError(caught: unknown): never {
	const domain = toDomainError(caught);
	error(domain.status, guestErrorText(domain.code, domain.options.params));
}
