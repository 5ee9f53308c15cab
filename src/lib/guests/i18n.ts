// Guest pages and phrase cards speak eleven languages (guest.inlang), volunteers' screens four
// (project.inlang). Guest messages are looked up here; phrase cards name their language each time.
import { m as g } from '$lib/paraglide-guest/messages';
import { locales, type Locale } from '$lib/paraglide-guest/runtime';

export { locales as guestLocales, type Locale as GuestLocale };

type Message = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const catalogue = g as unknown as Record<string, Message | undefined>;

export const isGuestLocale = (value: string): value is Locale =>
	(locales as readonly string[]).includes(value);

/** A guest message by a key made at run time (a kind, a status), in the request's language. */
export function guestText(key: string, params: Record<string, unknown> = {}, locale?: Locale): string {
	const message = catalogue[key];
	return message ? message(params, locale ? { locale } : {}) : key;
}

/** A domain error for a guest: `guest_error_<code>`, else the general apology. */
export function guestErrorText(code: string, params: Record<string, unknown> = {}): string {
	return catalogue[`guest_error_${code}`]?.(params) ?? g.guest_error_unexpected();
}
