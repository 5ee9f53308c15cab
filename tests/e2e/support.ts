import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'redband-demo';
export const demo = {
	admin: 'admin@redband.demo',
	organizer: 'organizer@redband.demo',
	logistics: 'logistics@redband.demo',
	volunteer: 'volunteer@redband.demo'
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export const uniqueEmail = (label: string) =>
	`${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.redband`;

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
export async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}
