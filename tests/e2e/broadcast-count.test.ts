// The compose page's "Reaches N people" follows the audience ticked, with and without JavaScript,
// and says what the server would send to.
import { expect, test, type Page } from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { demo, open, signIn } from './support';

/** People on shift right now in the demo operation, counted in the database. */
async function onDutyNow() {
	const operation = await e2eDb().operation.findFirstOrThrow({
		where: { routes: { some: { name: 'North Loop' } } }
	});
	const now = new Date();
	return e2eDb().user.count({
		where: {
			status: 'ACTIVE',
			assignments: {
				some: {
					status: { in: ['ASSIGNED', 'PRESENT'] },
					shift: { operationId: operation.id, startsAt: { lte: now }, endsAt: { gt: now } }
				}
			}
		}
	});
}

const shown = (count: number) =>
	count === 0 ? 'Nobody matches these choices.' : `Reaches ${count} ${count === 1 ? 'person' : 'people'}`;

async function openCompose(page: Page) {
	await signIn(page, demo.organizer);
	await open(page, '/organizer/broadcasts/new');
}

test('ticking "only people on duty now" recounts at once', async ({ page }) => {
	await openCompose(page);
	const everyone = page.locator('div.count[aria-live]');
	await expect(everyone).toContainText(/Reaches \d+ people/);
	const before = await everyone.innerText();
	// Hydrated: the live count listens from now on.
	await page.waitForFunction(() => document.querySelector('form[method="post"]') !== null);
	await page.waitForLoadState('networkidle');
	await page.locator('label', { hasText: 'Only people on duty now' }).click();
	const expected = shown(await onDutyNow());
	await expect(everyone).toContainText(expected);
	expect(expected).not.toBe(before.trim());
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('"Count recipients" counts the ticked audience', async ({ page }) => {
		await openCompose(page);
		// The label, as a person taps it (the box itself sits under it at 360 px).
		await page.locator('label', { hasText: 'Only people on duty now' }).click();
		await page.getByRole('button', { name: 'Count recipients' }).click();
		await expect(page.locator('div.count[aria-live]')).toContainText(shown(await onDutyNow()));
		await expect(page.getByLabel('Only people on duty now')).toBeChecked();
	});
});
