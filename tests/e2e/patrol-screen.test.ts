// What the patrol screen says after each tap must match what the server kept.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signToken } from '../../src/lib/server/signing';
import { patrolVolunteer, readyOffline, stored } from './patrol-fixtures';
import { open } from './support';

async function signingKey() {
	const secrets = JSON.parse(await readFile(join(process.env.E2E_DATA_DIR!, 'secrets.json'), 'utf8')) as {
		signingKey: string;
	};
	return secrets.signingKey;
}

test('a forged QR code is refused, with no success shown beside the refusal', async ({ page }) => {
	const person = await patrolVolunteer('forged');
	await readyOffline(page, person.email);
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('Everything sent')).toBeVisible();

	const checkpoint = person.checkpoints[2];
	const claim = Buffer.from(JSON.stringify({ c: checkpoint.id, r: person.route.id })).toString('base64url');
	await open(page, `/scan/${claim}.AAAAAAAAAAAAAAAAAAAAAA`);
	await expect(page.getByText('Everything sent')).toBeVisible();
	await page
		.getByRole('region', { name: `Check in at ${checkpoint.name}?` })
		.getByRole('button')
		.click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'This QR code is not a Redband checkpoint code.' })
	).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(`Checked in at ${checkpoint.name}.`)).toHaveCount(0);
	expect((await stored(person.user.id)).checkIns).toHaveLength(0);
});

test('after checking in from a scanned poster link, the prompt to check in there goes', async ({ page }) => {
	const person = await patrolVolunteer('scanned-link');
	await readyOffline(page, person.email);
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('Everything sent')).toBeVisible();

	const checkpoint = person.checkpoints[1];
	const token = signToken('checkpoint', { c: checkpoint.id, r: checkpoint.routeId }, await signingKey());
	await open(page, `/scan/${token}`);
	// The page runs its script (the outbox shows its state) before the tap.
	await expect(page.getByText('Everything sent')).toBeVisible();
	const prompt = page.getByRole('region', { name: `Check in at ${checkpoint.name}?` });
	await prompt.getByRole('button', { name: 'Check in' }).click();
	await expect(page.getByText(`Checked in at ${checkpoint.name}.`)).toBeVisible();
	await expect(prompt).toHaveCount(0);
	await expect(page).toHaveURL(/\/patrol$/);
	await expect.poll(async () => (await stored(person.user.id)).checkIns.length, { timeout: 30_000 }).toBe(1);
	await expect(page.getByRole('heading', { name: `Check in at ${checkpoint.name}?` })).toHaveCount(0);
});

test('ending the shift shows it ended at once, and it stays ended once the server has it', async ({
	page
}) => {
	const person = await patrolVolunteer('end-shift');
	await readyOffline(page, person.email);
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
	await expect(page.getByText('Everything sent')).toBeVisible();

	await page.getByText('End shift').click();
	await page.getByRole('button', { name: 'End my shift' }).click();
	await expect(page.getByText(/Ended at/)).toBeVisible();
	await expect(page.getByText('On patrol', { exact: true })).toHaveCount(0);
	await expect
		.poll(async () => (await stored(person.user.id)).patrols[0]?.endedAt ?? null, { timeout: 30_000 })
		.not.toBeNull();
	await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 30_000 });
	// Once sent and the view refreshed, still ended (no reload).
	await page.waitForTimeout(1500);
	await expect(page.getByText('On patrol', { exact: true })).toHaveCount(0);
	await expect(page.getByText(/Ended at/)).toBeVisible();
});
