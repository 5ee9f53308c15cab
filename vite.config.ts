import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { cjkFaces, LOCAL_CJK } from './src/lib/fonts/slices';

const dbTests = ['src/**/*.db.test.ts', 'tests/integration/**/*.test.ts'];

/** fontsource's Chinese and Korean stylesheets, cut to the CJK text (src/lib/fonts/slices.ts). */
function cjkFontSlices(): Plugin {
	return {
		name: 'redband-cjk-font-slices',
		enforce: 'pre',
		transform(code, id) {
			const font = id.match(/@fontsource\/noto-sans-(sc|kr)\/400\.css(\?|$)/)?.[1] as 'sc' | 'kr' | undefined;
			// The stylesheet itself; its `?url` import arrives here too, as the module exporting the URL.
			if (!font || !code.includes('@font-face')) return undefined;
			return { code: cjkFaces(code, LOCAL_CJK[font]), map: null };
		}
	};
}

/**
 * Paraglide's generated registry builds a new Intl.PluralRules (or NumberFormat) for every plural
 * or number in a message: the header's unread count alone cost 0.13 ms of every page at the peak.
 * The formatters are immutable, so one per locale and options is kept and reused.
 */
function paraglideIntlCache(): Plugin {
	const helper = `const __intl = new Map();
function __intlFormatter(Kind, locale, options) {
	const key = Kind.name + '|' + locale + '|' + (options === undefined ? '' : JSON.stringify(options));
	let formatter = __intl.get(key);
	if (!formatter) {
		formatter = new Kind(locale, options);
		__intl.set(key, formatter);
	}
	return formatter;
}
`;
	return {
		name: 'redband-paraglide-intl-cache',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]paraglide(-guest)?[\\/]registry\.js(\?|$)/.test(id)) return undefined;
			const cached = code.replace(
				/new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale, (options|intlOptions)\)/g,
				'__intlFormatter(Intl.$1, locale, $2)'
			);
			return cached === code ? undefined : { code: helper + cached, map: null };
		}
	};
}

function databaseProject(provider: 'sqlite' | 'postgresql') {
	return {
		extends: true as const,
		test: {
			name: provider,
			include: dbTests,
			environment: 'node',
			env: { TEST_DB_PROVIDER: provider },
			globalSetup: ['tests/setup/database-template.ts'],
			setupFiles: ['tests/setup/database-per-file.ts'],
			testTimeout: 60_000,
			hookTimeout: 120_000
		}
	};
}

export default defineConfig({
	plugins: [
		cjkFontSlices(),
		paraglideIntlCache(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		// Guest pages and phrase cards: eleven languages, in a project of their own so that volunteer
		// screens exist only in the languages they are translated into (see guest.inlang). Its own
		// cookie too: each runtime writes the language it resolved on first use, and the volunteers'
		// runtime would write English over a Malay guest's choice.
		paraglideVitePlugin({
			project: './guest.inlang',
			outdir: './src/lib/paraglide-guest',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'REDBAND_GUEST_LOCALE'
		})
	],
	build: {
		// Fonts stay files: a data: URL would be blocked by the CSP (font-src 'self'), and a small
		// slice of a Chinese font inlined into a stylesheet is paid for by every page that links it.
		assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined)
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: [...dbTests, 'node_modules/**'],
					environment: 'node',
					globalSetup: ['tests/setup/data-dir.ts'],
					setupFiles: ['tests/setup/data-dir-per-file.ts']
				}
			},
			databaseProject('sqlite'),
			databaseProject('postgresql')
		]
	}
});
