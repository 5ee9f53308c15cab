import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files gzip and brotli at build time: `node build` serves them as they are asked for.
		adapter: adapter({ precompress: true }),
		alias: {
			// Test-only helpers (factories, real databases); never imported by app code.
			$test: 'tests/support'
		},
		typescript: {
			// Type-check the scripts and benchmarks with the app (svelte-check, eslint).
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
			}
		},
		// workbox-window registers the worker so that the app can prompt for updates.
		serviceWorker: { register: false },
		// The app is served from the root: scripts and styles load from /_app whatever the page's URL
		// (a relative "../../_app" once resolved one folder short in a clean-clone run, and the page
		// never hydrated).
		paths: { relative: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// The QR decoder (zxing) is WebAssembly, compiled from the app's own file.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'worker-src': ['self']
			}
		}
	}
};

export default config;
