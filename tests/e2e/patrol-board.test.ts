import { expect, test } from '@playwright/test';
import { e2eDb, patrolVolunteer, stored } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, signIn, unfoldAlertGroup } from './support';

test('the coverage board shows running patrols, zone coverage and alerts, and updates live', async ({
	page,
	browser
}) => {
	await signIn(page, demo.organizer);
	await page.getByRole('link', { name: 'Patrols' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Live coverage' })).toBeVisible();
	await expect(page.getByText('Live', { exact: true })).toBeVisible();

	const patrols = page.getByRole('list', { name: 'Patrols' });
	const zhao = patrols.getByRole('listitem').filter({ hasText: 'Zhao Min' });
	await expect(zhao.getByText('Overdue')).toBeVisible();
	await expect(zhao.getByText(/Missed: CS2/)).toBeVisible();
	await expect(
		patrols.getByRole('listitem').filter({ hasText: 'Chen Lei' }).getByText('3/5 checkpoints')
	).toBeVisible();
	// Chen Lei has visited 3 checkpoints; the zone counts every checkpoint of its routes that have
	// a shift running now (the demo roster runs shifts on other Riverside routes too).
	const now = new Date();
	const patrolled = await e2eDb().checkpoint.count({
		where: {
			route: {
				zone: { name: 'Riverside Walk' },
				shifts: { some: { startsAt: { lte: now }, endsAt: { gt: now } } }
			}
		}
	});
	// Zones fold under their heading on a phone.
	await page.locator('summary', { has: page.getByRole('heading', { name: 'Coverage by zone' }) }).click();
	await expect(page.getByRole('meter', { name: 'Coverage of Riverside Walk' })).toHaveAttribute(
		'aria-valuenow',
		String(Math.round((3 / patrolled) * 100))
	);
	const alerts = page.getByRole('region', { name: 'Alerts' });
	// Each kind of alert folds away when it has many (other tests add missing people).
	for (const text of [
		/Liu Yang has not started Canal Path/,
		/Zhao Min has not checked in on Concourse Sweep/
	]) {
		// (A folded item is not in the accessibility tree, so it is found by its tag.)
		const item = alerts.locator('li').filter({ hasText: text });
		await unfoldAlertGroup(item);
		await expect(item.getByText(text)).toBeVisible();
	}
	await expectNoSidewaysScroll(page);

	// A volunteer starts and checks in on a phone elsewhere: the board shows it without a reload.
	const person = await patrolVolunteer('board');
	const phone = await browser.newPage();
	await signIn(phone, person.email);
	await open(phone, '/patrol');
	await phone.getByRole('button', { name: 'Start shift' }).click();
	await phone.getByLabel('Or type the checkpoint code').fill('NL1');
	await phone.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(phone.getByText('Everything sent')).toBeVisible();
	await expect(patrols.getByRole('listitem').filter({ hasText: person.user.name })).toContainText(
		'Last: North Loop 1, 0 min ago',
		{ timeout: 15_000 }
	);
	await phone.close();
});

test('an organizer acknowledges and resolves a field report with notes', async ({ page }) => {
	const person = await patrolVolunteer('reporter');
	await signIn(page, person.email);
	await open(page, '/patrol/report');
	await page.getByText('Medical').click();
	await page.getByText('Critical').click();
	await page
		.getByLabel('What did you see?')
		.fill('Elderly man fainted at the North Loop kiosk, conscious now.');
	await page.getByLabel('Photo').setInputFiles({
		name: 'scene.png',
		mimeType: 'image/png',
		// A 1×1 red pixel: enough to go through the resizing on the phone.
		buffer: Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
			'base64'
		)
	});
	await expect(page.getByRole('img', { name: 'The photo that will be sent' })).toBeVisible();
	await page.getByRole('button', { name: 'Send report' }).click();
	// Saving waits for a position (a few seconds at most) and then opens the patrol screen: slow on a busy machine.
	await expect(page.getByText('Report saved.')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('Everything sent')).toBeVisible();
	const [report] = (await stored(person.user.id)).reports;
	expect(report).toMatchObject({ category: 'MEDICAL', severity: 'CRITICAL', hasPhoto: true });
	expect(report.photo?.contentType).toBe('image/jpeg');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, demo.organizer);
	await open(page, '/organizer/patrols/reports');
	// This run's report: a repeated run files the same text under another patroller.
	const card = page
		.getByRole('listitem')
		.filter({ hasText: 'Elderly man fainted' })
		.filter({ hasText: person.user.name });
	await expect(card.getByText('Critical')).toBeVisible();
	await card.getByLabel('Note').fill('First aid team on the way.');
	await card.getByRole('button', { name: 'Acknowledge' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await expect(card.getByText('Acknowledged', { exact: true })).toBeVisible();

	await card.getByRole('link', { name: 'Details' }).click();
	await expect(page.getByRole('img', { name: /Photo: Elderly man fainted/ })).toBeVisible();
	await page.getByRole('button', { name: 'Resolve' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	const history = page.getByRole('region', { name: 'History' });
	await expect(history.getByText('First aid team on the way.')).toBeVisible();
	await expect(history.getByText('Resolved')).toBeVisible();
	expect((await e2eDb().fieldReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('RESOLVED');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a volunteer starts, checks in by code, is told about a wrong code, and ends the shift', async ({
		page
	}) => {
		const person = await patrolVolunteer('nojs');
		await signIn(page, person.email);
		await open(page, '/patrol');
		await page.getByRole('button', { name: 'Start shift' }).click();
		await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
		await page.getByLabel('Or type the checkpoint code').fill('NL9');
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await expect(page.getByText('No checkpoint of this operation has the code NL9.')).toBeVisible();
		await page.getByLabel('Or type the checkpoint code').fill('NL1');
		await page.getByRole('button', { name: 'Check in', exact: true }).click();
		await expect(page.getByRole('list', { name: 'Check-ins' }).getByText('North Loop 1')).toBeVisible();
		// Without JavaScript the language menu has an apply button: the header still fits 360 px.
		await expectNoSidewaysScroll(page);
		await page.getByText('End shift').click();
		await page.getByLabel(/Handover note/).fill('All quiet on North Loop.');
		await page.getByRole('button', { name: 'End my shift' }).click();
		await expect(page.getByText(/Ended at/)).toBeVisible();
		const { patrols, checkIns } = await stored(person.user.id);
		expect(checkIns).toHaveLength(1);
		expect(patrols[0].handoverNote).toBe('All quiet on North Loop.');
	});
});

test('a code of another route is sent for checking, kept and flagged, and the phone knows no codes', async ({
	page
}) => {
	const person = await patrolVolunteer('other-route');
	const other = await e2eDb().checkpoint.findFirstOrThrow({
		where: { operationId: person.route.operationId, routeId: { not: person.route.id } },
		include: { route: true }
	});
	await signIn(page, person.email);
	await open(page, '/patrol');
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
	await page.getByLabel('Or type the checkpoint code').fill(other.code);
	await page.getByRole('button', { name: 'Check in', exact: true }).click();
	// The phone holds only short hashes of its own route's codes: it cannot name this checkpoint.
	await expect(
		page.getByText(`${other.code} is not a code of your route. It was sent to be checked.`)
	).toBeVisible();
	const view = await (await page.request.get('/api/patrol')).text();
	expect(view).not.toContain(other.code);
	expect(view).not.toContain(person.route.checkpoints[0].code);
	await expect
		.poll(async () => (await stored(person.user.id)).checkIns.map((checkIn) => checkIn.wrongRoute))
		.toEqual([true]);
});
