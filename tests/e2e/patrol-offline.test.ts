import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { patrolVolunteer, readyOffline, SEND, stored } from './patrol-fixtures';
import { expectNoSidewaysScroll, expectWordsWhole, open, reopen } from './support';

/** With no signal: start the shift, check in at three checkpoints by code and file one report. */
async function patrolOffline(page: Page, context: BrowserContext) {
	await context.setOffline(true);
	await reopen(page);
	await expect(page.getByRole('heading', { name: 'North Loop' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' }).first()).toBeVisible();

	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
	for (const position of [1, 2, 3]) {
		await page.getByLabel('Or type the checkpoint code').fill(`nl${position}`);
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await expect(page.getByText(`Checked in at North Loop ${position}.`)).toBeVisible();
	}
	await expect(page.getByRole('list', { name: 'Check-ins' }).getByText('Waiting to send')).toHaveCount(3);
	await expect(page.getByText('Next: North Loop 4')).toBeVisible();

	await page.getByRole('link', { name: 'File a report' }).click();
	await expect(page.getByRole('heading', { name: 'File a report' })).toBeVisible();
	await expectNoSidewaysScroll(page);
	await page.getByText('Lost person').click();
	await page.getByText('High', { exact: true }).click();
	await page.getByLabel('What did you see?').fill('Girl, about 7, yellow raincoat, crying by checkpoint 3.');
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page.getByText('Report saved.')).toBeVisible();
	await expect(page.getByText('5 waiting to send').first()).toBeVisible();
	await expectNoSidewaysScroll(page);
}

test('a patrol made with no signal reaches the server exactly once when the signal returns', async ({
	page,
	context
}) => {
	const person = await patrolVolunteer('offline');
	await readyOffline(page, person.email);
	await patrolOffline(page, context);

	await context.setOffline(false);
	await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 30_000 });
	const { patrols, checkIns, reports } = await stored(person.user.id);
	expect(patrols).toHaveLength(1);
	expect(checkIns.map((c) => c.checkpointName)).toEqual(['North Loop 1', 'North Loop 2', 'North Loop 3']);
	expect(checkIns.every((c) => !c.outOfOrder && !c.wrongRoute)).toBe(true);
	// The times are when it happened on the phone, before the signal returned.
	expect(checkIns[2].happenedAt.getTime()).toBeLessThan(checkIns[2].receivedAt.getTime());
	expect(reports).toMatchObject([{ category: 'LOST_PERSON', severity: 'HIGH' }]);
	await expect(page.getByRole('list', { name: 'Check-ins' }).getByText('Waiting to send')).toHaveCount(0);
});

test('when the answer to each first send is lost, the retries still store everything exactly once', async ({
	page,
	context
}) => {
	const person = await patrolVolunteer('dropped');
	await readyOffline(page, person.email);
	await patrolOffline(page, context);

	// The server gets and stores the first request of each kind, but the phone never hears back.
	const dropped = new Set<string>();
	await context.route(SEND, async (route) => {
		const kind = new URL(route.request().url()).pathname;
		if (dropped.has(kind)) return route.continue();
		dropped.add(kind);
		await route.fetch();
		await route.abort('connectionreset');
	});
	await context.setOffline(false);
	await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 45_000 });
	expect([...dropped].sort()).toEqual(['/api/patrol/check-ins', '/api/patrol/reports', '/api/patrol/start']);

	const { patrols, checkIns, reports } = await stored(person.user.id);
	expect(patrols).toHaveLength(1);
	expect(checkIns).toHaveLength(3);
	expect(reports).toHaveLength(1);
});

test('a refusal from the server is shown with its reason, and the queue goes on', async ({
	page,
	context
}) => {
	const person = await patrolVolunteer('refused');
	await readyOffline(page, person.email);
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('Everything sent')).toBeVisible();

	// A server error first: the item stays, and goes once the server is back.
	let failures = 0;
	await context.route(SEND, async (route) => {
		if (failures++ === 0) return route.fulfill({ status: 503, body: 'busy' });
		return route.continue();
	});
	await page.getByLabel('Or type the checkpoint code').fill('NL1');
	await page.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(page.getByText('Checked in at North Loop 1.')).toBeVisible();
	await expect.poll(() => failures, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
	await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 30_000 });

	// A forged QR code: the phone cannot check the signature, the server refuses it for good.
	const forged = `${Buffer.from(JSON.stringify({ c: person.checkpoints[1].id, r: person.route.id })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`;
	await open(page, `/scan/${forged}`);
	await expect(page).toHaveURL(/\/patrol\?scan=/);
	await page.getByRole('button', { name: 'Check in', exact: true }).first().click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'This QR code is not a Redband checkpoint code.' })
	).toBeVisible({
		timeout: 30_000
	});
	await page.getByLabel('Or type the checkpoint code').fill('NL2');
	await page.getByRole('button', { name: 'Check in', exact: true }).last().click();
	// "Everything sent" may still show from before the new item is queued: ask the server.
	await expect(page.getByText('Checked in at North Loop 2.')).toBeVisible();
	await expect
		.poll(async () => (await stored(person.user.id)).checkIns.map((c) => c.checkpointName), {
			timeout: 30_000
		})
		.toEqual(['North Loop 1', 'North Loop 2']);
	await expect(page.getByText('Everything sent')).toBeVisible({ timeout: 30_000 });

	// At 360 px the reason sits beside the button: the button's word stays whole.
	await expectWordsWhole(page.getByRole('button', { name: 'Dismiss' }));
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'not a Redband checkpoint code' })).toHaveCount(0);
});
