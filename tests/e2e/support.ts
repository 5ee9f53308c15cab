import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo accounts' password, generated for this run by the server's seed (tests/e2e/seed.ts). */
export function demoPassword(): string {
	return readFileSync(join(process.env.E2E_DATA_DIR!, 'demo-password'), 'utf8').trim();
}
export const demo = {
	admin: 'admin@redband.demo',
	organizer: 'organizer@redband.demo',
	logistics: 'logistics@redband.demo',
	volunteer: 'volunteer@redband.demo'
};

/**
 * Waits until the app has hydrated the page (the root layout marks <html data-hydrated>), so that
 * a click runs the app's handler instead of posting the form natively half-way through hydration.
 * Does nothing in a browser without JavaScript.
 */
export async function waitForHydration(page: Page) {
	if (await page.evaluate(() => matchMedia('(scripting: none)').matches)) return;
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
}

/** Opens a page and waits until it is hydrated (a file or JSON answer has nothing to hydrate). */
export async function open(page: Page, url: string) {
	const response = await page.goto(url);
	if ((response?.headers()['content-type'] ?? 'text/html').startsWith('text/html')) {
		await waitForHydration(page);
	}
	return response;
}

/** Reloads a page and waits until it is hydrated again. */
export async function reopen(page: Page) {
	const response = await page.reload();
	await waitForHydration(page);
	return response;
}

export async function signIn(page: Page, email: string, password = demoPassword()) {
	await open(page, '/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Signs out as a person would, with the header's button: the server ends the session. Clearing the
 * cookies instead races the service worker, whose requests in flight bring a fresh cookie back.
 */
export async function signOut(page: Page) {
	await waitForHydration(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);
}

export const uniqueEmail = (label: string) =>
	`${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.redband`;

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
/** Unfolds the coverage board's group of alerts that holds `item` (a kind folds when it has many). */
export async function unfoldAlertGroup(item: Locator) {
	const group = item.locator('xpath=ancestor::details[contains(@class, "kind")][1]');
	if (!(await group.evaluate((details) => (details as HTMLDetailsElement).open)))
		await group.locator(':scope > summary').click();
}

export async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * No word of these elements' text is broken across lines ("Dis/mis/s"): each element takes at most
 * one line per word. A label in a script without spaces (Chinese, Thai) must take one line.
 */
export async function expectWordsWhole(locator: Locator) {
	await expect(locator.first()).toBeVisible();
	const broken = await locator.evaluateAll((elements) =>
		elements.flatMap((element) => {
			const text = (element.textContent ?? '').trim();
			const range = document.createRange();
			range.selectNodeContents(element);
			const lines = new Set(
				[...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))
			).size;
			const words = text.split(/\s+/).filter(Boolean).length;
			return lines > words ? [`"${text}" takes ${lines} lines`] : [];
		})
	);
	expect(broken).toEqual([]);
}
