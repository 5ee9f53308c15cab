// Fonts the app serves itself, for scripts a phone or computer may lack (no third-party font
// service). They come first in the font stack (app.css) but each covers only its own script
// (unicode-range), so Latin text stays in the system's font and a page downloads only the scripts
// it shows. A page links only the stylesheets of the scripts it needs (`fontStylesheets`), so the
// volunteer's pages in English carry none of this. Thai, Lao, Khmer and Burmese are one small file
// per weight; Chinese and Korean are fontsource's unicode-range slices cut to CJK text, regular
// weight only, which try the device's own CJK fonts before downloading (slices.ts).
import thai from './thai.css?url';
import lao from './lao.css?url';
import khmer from './khmer.css?url';
import myanmar from './myanmar.css?url';
import chinese from '@fontsource/noto-sans-sc/400.css?url';
import korean from '@fontsource/noto-sans-kr/400.css?url';

export type Script = 'thai' | 'lao' | 'khmer' | 'myanmar' | 'chinese' | 'korean';

const stylesheets: Record<Script, string> = { thai, lao, khmer, myanmar, chinese, korean };

/** The script a language is written in, for the languages that need a font of their own. */
const scriptOf: Record<string, Script> = {
	zh: 'chinese',
	th: 'thai',
	lo: 'lao',
	km: 'khmer',
	my: 'myanmar',
	ko: 'korean'
};

/** The stylesheets for pages that show text in these languages (Latin-script ones need none). */
export function fontStylesheets(locales: readonly string[]): string[] {
	const scripts = new Set(locales.map((locale) => scriptOf[locale]).filter(Boolean));
	return [...scripts].map((script) => stylesheets[script]);
}
