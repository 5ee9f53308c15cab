import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { patrolVolunteer, readyOffline, SEND, stored } from './patrol-fixtures';

test('the manifest and the service worker pass Chromium’s installability checks', async ({ playwright }) => {
	// Chromium never offers to install from an incognito window, which is what test contexts are:
	// this one uses a real (temporary) profile.
	const profile = await mkdtemp(join(tmpdir(), 'redband-install-'));
	const { launchOptions } = test.info().project.use;
	const context = await playwright.chromium.launchPersistentContext(profile, {
		...launchOptions,
		baseURL: test.info().project.use.baseURL,
		serviceWorkers: 'allow'
	});
	try {
		const page = await context.newPage();
		await page.goto('/login');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		const cdp = await context.newCDPSession(page);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.errors).toEqual([]);
		const parsed = JSON.parse(manifest.data ?? '{}') as {
			start_url: string;
			theme_color: string;
			display: string;
			icons: { sizes: string; purpose?: string }[];
		};
		expect(parsed).toMatchObject({ start_url: '/', theme_color: '#b91c1c', display: 'standalone' });
		expect(parsed.icons).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ sizes: '192x192' }),
				expect.objectContaining({ sizes: '512x512', purpose: 'maskable' })
			])
		);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		await rm(profile, { recursive: true, force: true });
	}
});

test('a page the network cannot reach shows the offline page', async ({ page, context }) => {
	await page.goto('/login');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await context.setOffline(true);
	await page.goto('/signup');
	await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open the patrol screen' })).toBeVisible();
});

test('a new version is offered, taken when the person reloads, and the outbox survives it', async ({
	browser
}) => {
	// Two servers, a deployment and a reload: more than a usual test's time on a busy machine.
	test.slow();
	// A release is a new build on the same address: this test serves a copy of the build on a port
	// of its own, then restarts it with a changed service worker, as a deployment would.
	const release = await releaseServer();
	const context = await browser.newContext({ baseURL: release.url });
	const page = await context.newPage();
	try {
		const person = await patrolVolunteer('update');
		await readyOffline(page, person.email);
		// The server is struggling: what the phone writes must wait in the outbox, not be lost.
		await context.route(SEND, (route) => route.fulfill({ status: 503, body: 'busy' }));
		await page.getByRole('button', { name: 'Start shift' }).click();
		await expect(page.getByText('1 waiting to send').first()).toBeVisible();

		await release.deploy();
		// Browsers look for a new worker on navigations (the app also asks after client-side ones).
		await page.getByRole('link', { name: 'File a report' }).click();
		await expect(page.getByText('A new version of Redband is ready.')).toBeVisible({ timeout: 30_000 });
		await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
		// Tapping Reload lets the new worker take over, and then (only then) the page reloads.
		const reloaded = page.waitForEvent('load', { timeout: 60_000 });
		await page.getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		expect(
			await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)
		).toBeUndefined();
		const worker = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			const script = await (await fetch('/service-worker.js', { cache: 'no-store' })).text();
			return {
				waiting: registration?.waiting ?? null,
				controlled: navigator.serviceWorker.controller !== null,
				script
			};
		});
		expect(worker).toMatchObject({ waiting: null, controlled: true });
		expect(worker.script).toContain(release.marker);
		await expect(page.getByText('A new version of Redband is ready.')).toHaveCount(0);

		await expect(page.getByText('1 waiting to send').first()).toBeVisible();
		await context.unroute(SEND);
		await page.getByRole('button', { name: 'Send now' }).click();
		await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 30_000 });
		expect((await stored(person.user.id)).patrols).toHaveLength(1);
	} finally {
		await context.close();
		await release.stop();
	}
});

/** A copy of the production build served on its own port, against the test database. */
async function releaseServer() {
	const dir = join(process.cwd(), 'test-results', `release-${process.pid}-${Date.now().toString(36)}`);
	await cp('build', dir, { recursive: true });
	const port = 20000 + Math.floor(Math.random() * 20000);
	const url = `http://localhost:${port}`;
	const marker = `release ${Date.now()}`;
	let server: ChildProcess | undefined;

	const start = async () => {
		server = spawn(process.execPath, [dir], {
			env: {
				...process.env,
				PORT: String(port),
				ORIGIN: url,
				NODE_ENV: 'production',
				COOKIE_SECURE: 'false',
				REDBAND_JOBS: 'off',
				DATA_DIR: process.env.E2E_DATA_DIR,
				DATABASE_URL: `file:${join(process.env.E2E_DATA_DIR!, 'e2e.db')}`
			},
			stdio: 'ignore'
		});
		await expect
			.poll(
				() =>
					fetch(`${url}/login`).then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 20_000 }
			)
			.toBe(200);
	};
	const stop = async () => {
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((resolve) => server!.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
	};
	await start();
	return {
		url,
		marker,
		async deploy() {
			await stop();
			const worker = join(dir, 'client', 'service-worker.js');
			await writeFile(worker, `${await readFile(worker, 'utf8')}\n// ${marker}\n`);
			await rm(`${worker}.gz`, { force: true });
			await rm(`${worker}.br`, { force: true });
			await start();
		},
		async stop() {
			await stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
