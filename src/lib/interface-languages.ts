// The names of the interface's languages, apart from $lib/i18n: that module looks messages up by
// keys made at run time, so it needs every message, and the language switcher in every page's
// header must not pull the whole catalogue (all languages, about 130 KB gzip) into each page.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/**
 * The name of an interface language, in its own script. A `Record<Locale, …>` so that adding a
 * locale to project.inlang fails the type check here instead of crashing the pages that list them.
 */
const LANGUAGE_NAMES: Record<Locale, () => string> = {
	en: m.language_en,
	zh: m.language_zh,
	th: m.language_th,
	vi: m.language_vi
};

export const languageName = (locale: Locale): string => LANGUAGE_NAMES[locale]();
