import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// One port and data folder per checkout, worked out the same way in every Playwright process, so
// that two checkouts on one machine can run their end-to-end tests side by side.
const checkout = createHash('sha256').update(process.cwd()).digest();
const port = Number(process.env.E2E_PORT ?? 4300 + (checkout.readUInt16BE(0) % 1000));
const dataDir =
	process.env.E2E_DATA_DIR ?? join(tmpdir(), `redband-e2e-${checkout.toString('hex').slice(0, 12)}`);
process.env.E2E_DATA_DIR = dataDir;
process.env.E2E_BASE_URL = `http://localhost:${port}`;

const phone = {
	...devices['Pixel 7'],
	viewport: { width: 360, height: 780 },
	defaultBrowserType: 'chromium' as const
};
const STARTS_OWN_SERVERS = /\/(fuzz|shutdown)\.test\.ts$/;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.test.ts',
	timeout: 90_000,
	expect: { timeout: 15_000 },
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	// The narrowest phone we design for: 360 px wide. A tablet (768 px, where the layout switches to
	// its wider form) runs the accessibility checks only, to keep the run short. The tests that
	// start servers of their own and load them flat out (the form fuzzer, SIGTERM under a burst) are
	// the `alone` project: `npm test` runs it after the others, one test at a time, so that their
	// load neither slows the other tests past their bounds nor is slowed by them.
	projects: [
		{ name: 'phone', testIgnore: STARTS_OWN_SERVERS, use: phone },
		{ name: 'alone', testMatch: STARTS_OWN_SERVERS, use: phone },
		{
			name: 'tablet',
			testMatch: '**/a11y.test.ts',
			use: {
				...devices['Pixel 7'],
				viewport: { width: 768, height: 1024 },
				defaultBrowserType: 'chromium'
			}
		}
	],
	// The shared server, seeded with the demo; the `alone` project's tests start their own, so its
	// run in `npm test` (E2E_OWN_SERVERS=1) skips it.
	webServer: process.env.E2E_OWN_SERVERS
		? undefined
		: {
				command: 'npx tsx tests/e2e/server.ts',
				url: `http://localhost:${port}/login`,
				timeout: 120_000,
				reuseExistingServer: false,
				stdout: 'pipe',
				stderr: 'pipe',
				env: { E2E_PORT: String(port), E2E_DATA_DIR: dataDir }
			}
});
