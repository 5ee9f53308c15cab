// The account pages work without JavaScript: each form posts, and the answer comes back on the
// page with the error under its field or the success beside the form that was sent.
import { expect, test } from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { demo, demoPassword, open, signIn, uniqueEmail } from './support';

/** A volunteer of the demo operation of this test's own, signing in with the demo password. */
async function volunteer(label: string) {
	const db = e2eDb();
	const demoVolunteer = await db.user.findUniqueOrThrow({ where: { email: demo.volunteer } });
	const operation = await db.operation.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
	return db.user.create({
		data: {
			email: uniqueEmail(label),
			name: `Account ${label}`,
			passwordHash: demoVolunteer.passwordHash,
			passwordSetAt: new Date(),
			role: 'VOLUNTEER',
			status: 'ACTIVE',
			profile: { create: { consentAt: new Date() } },
			memberships: { create: { operationId: operation.id } }
		}
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a wrong current password is shown under its field; the right one changes it', async ({ page }) => {
		const person = await volunteer('password');
		await signIn(page, person.email);
		await open(page, '/account');
		await page.getByLabel('Current password').fill('not my password at all');
		await page.getByLabel('New password', { exact: true }).fill('a brand new password');
		await page.getByLabel('Repeat new password').fill('a brand new password');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('Your current password is not correct.')).toBeVisible();
		await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

		await page.getByLabel('Current password').fill(demoPassword());
		await page.getByLabel('New password', { exact: true }).fill('a brand new password');
		await page.getByLabel('Repeat new password').fill('a brand new password');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('Password changed.')).toBeVisible();
		// Still signed in here.
		await open(page, '/account');
		await expect(page).toHaveURL(/\/account$/);
	});

	test('the profile keeps what was typed after a bad field, and a night window ends the next morning', async ({
		page
	}) => {
		const person = await volunteer('profile');
		await signIn(page, person.email);
		await open(page, '/account/profile');
		await page.getByLabel('Mobile phone').fill('12345');
		await page.getByLabel('Radio operation').check();
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(page.getByText('Enter a mobile number with country code')).toBeVisible();
		await expect(page.getByLabel('Mobile phone')).toHaveValue('12345');
		await expect(page.getByLabel('Radio operation')).toBeChecked();

		await page.getByLabel('Date', { exact: true }).fill('2031-05-01');
		await page.getByLabel('Starts').fill('22:00');
		await page.getByLabel('Ends').fill('06:00');
		await page.getByRole('button', { name: 'Add time' }).click();
		const windows = await e2eDb().availabilityWindow.findMany({ where: { userId: person.id } });
		expect(windows).toHaveLength(1);
		expect(windows[0].endsAt.getTime() - windows[0].startsAt.getTime()).toBe(8 * 3_600_000);
	});
});
