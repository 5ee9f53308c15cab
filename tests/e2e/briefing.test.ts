import Papa from 'papaparse';
import { expect, test, type Page } from '@playwright/test';
import { useByLot } from '../../src/lib/logistics/lots';
import { e2eDb, patrolVolunteer } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, reopen, signIn } from './support';

const MINUTE = 60_000;
/** A4 less the briefing's 12 mm margins, at 96 px to the inch: 186 mm. */
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);

test('the daily briefing shows every section, downloads each as CSV and prints on A4 without clipping', async ({
	page
}) => {
	await signIn(page, demo.organizer);
	await open(page, '/organizer');
	await page.getByRole('link', { name: /Daily briefing/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Briefing for / })).toBeVisible();
	for (const name of [
		'Shifts',
		'Attendance and hours',
		'Patrol coverage',
		'Field reports',
		'Alerts',
		'Broadcasts',
		'Supplies and meals',
		'Stock at the end of the period',
		'Rest pods'
	]) {
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	}
	// The shifts table and its CSV agree. Tests running beside this one add shifts to the same
	// day, so both are read again until no shift came in between the two reads.
	const csvLink = (await page.getByRole('link', { name: 'Shifts as CSV' }).getAttribute('href'))!;
	const plannedOnPageLessCsv = async () => {
		await reopen(page);
		const planned = Number(
			(await page
				.getByRole('row', { name: /^Total/ })
				.first()
				.getByRole('cell')
				.nth(1)
				.textContent())!.replace(/\D/g, '')
		);
		const csv = await page.request.get(csvLink);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const rows = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\uFEFF/, ''), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(planned).toBeGreaterThan(0);
		return rows.reduce((sum, row) => sum + Number(row.planned), 0) - planned;
	};
	await expect.poll(plannedOnPageLessCsv, { timeout: 30_000 }).toBe(0);
	await expectNoSidewaysScroll(page);

	await page.getByRole('link', { name: 'Whole operation' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Briefing: the operation to date' })
	).toBeVisible();
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: /^Briefing for / })).toBeVisible();

	// Print: laid out at the width of an A4 page's content, nothing sticks out or scrolls.
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: A4_CONTENT_PX, height: 1100 });
	const overflow = await page.evaluate((width) => {
		const wide = [...document.querySelectorAll('main *')].filter((element) => {
			const box = element.getBoundingClientRect();
			return box.width > 0 && box.right > width + 1;
		});
		const clipped = [...document.querySelectorAll('main .table-scroll')].filter(
			(element) => element.scrollWidth > element.clientWidth + 1
		);
		return {
			page: document.documentElement.scrollWidth - width,
			wide: wide.map((element) => `${element.tagName}.${element.className}`).slice(0, 5),
			clipped: clipped.length,
			header: getComputedStyle(document.querySelector('header.header')!).display
		};
	}, A4_CONTENT_PX);
	expect(overflow).toEqual({ page: 0, wide: [], clipped: 0, header: 'none' });
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	const text = pdf.toString('latin1');
	expect(text.startsWith('%PDF')).toBe(true);
	// Every page is A4 (595 × 842 points).
	const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
	expect(boxes.length).toBeGreaterThan(0);
	for (const [, width, height] of boxes) {
		expect(Math.round(Number(width))).toBe(595);
		expect(Math.round(Number(height))).toBe(842);
	}
});

/** The figure of the command view's tile with this label. */
const figure = (page: Page, label: string) => page.locator('.figure', { hasText: label }).locator('strong');
const count = async (page: Page, label: string) =>
	Number((await figure(page, label).textContent())!.split('/')[0].trim());

test('the command view updates live on a check-in, a report and a stock movement', async ({
	page,
	browser
}) => {
	const db = e2eDb();
	const person = await patrolVolunteer('command');
	// Fresh fruit at the gate: 20 kg past their use-by, 10 kg good for another hour and a half.
	const gate = await db.post.findFirstOrThrow({
		where: { operationId: person.route.operationId, name: 'North Gate' }
	});
	const fruit = await db.item.create({
		data: {
			operationId: gate.operationId,
			name: `Cut melon ${Date.now().toString(36)}`,
			unit: 'KG',
			shelfLifeHours: 2
		}
	});
	const now = Date.now();
	for (const [lot, quantity] of [
		[useByLot(new Date(now - 30 * MINUTE)), 200],
		[useByLot(new Date(now + 90 * MINUTE)), 100]
	] as const) {
		await db.stockMovement.create({
			data: {
				operationId: gate.operationId,
				itemId: fruit.id,
				kind: 'RECEIVED',
				quantity,
				toPostId: gate.id,
				lot
			}
		});
		await db.stockBalance.create({ data: { itemId: fruit.id, postId: gate.id, lot, quantity } });
	}

	await signIn(page, demo.organizer);
	await open(page, '/organizer/command');
	await expect(page.getByRole('heading', { level: 1, name: 'Command view' })).toBeVisible();
	await expect(page.getByText('Live', { exact: true })).toBeVisible();
	await expectNoSidewaysScroll(page);
	const before = {
		onDuty: await count(page, 'On duty'),
		notStarted: await count(page, 'Not started'),
		reports: await count(page, 'Open reports'),
		stock: await count(page, 'Stock running out')
	};

	// Each figure opens the list behind it.
	await figure(page, 'Not started').click();
	await expect(page.getByRole('heading', { level: 1, name: 'Not started' })).toBeVisible();
	await expect(page.getByRole('link', { name: person.user.name })).toBeVisible();
	await page.getByRole('link', { name: 'Command view' }).click();

	const phone = await browser.newPage();
	await signIn(phone, person.email);
	await open(phone, '/patrol');
	await phone.getByRole('button', { name: 'Start shift' }).click();
	await expect(phone.getByText('Everything sent')).toBeVisible();
	await expect(figure(page, 'On duty')).toContainText(`${before.onDuty + 1} /`, { timeout: 15_000 });
	await expect(figure(page, 'Not started')).toHaveText(String(before.notStarted - 1));
	// The open alerts, listed live beside the figures (the patrol watch raises and clears other
	// people's alerts meanwhile, so the list, not the total, shows this person's).
	const alerts = await page.context().newPage();
	await open(alerts, '/organizer/command/alerts');
	await expect(alerts.getByText('Live', { exact: true })).toBeVisible();
	const overdue = alerts
		.getByRole('listitem')
		.filter({ hasText: person.user.name })
		.filter({ hasText: 'Overdue' });

	// The patrol goes quiet (an alert), then a report comes in: both show without a reload.
	const patrol = await db.patrol.update({
		where: { assignmentId: person.assignment.id },
		data: { overdueAlerted: true }
	});
	await db.alert.create({
		data: {
			kind: 'OVERDUE',
			priority: 'HIGH',
			foldKey: `overdue:${patrol.id}`,
			openKey: `overdue:${patrol.id}`,
			operationId: patrol.operationId,
			shiftId: patrol.shiftId,
			assignmentId: person.assignment.id,
			subjectUserId: person.user.id,
			patrolId: patrol.id
		}
	});
	await open(phone, '/patrol/report');
	await phone.getByText('Crowd').click();
	await phone.getByText('High', { exact: true }).click();
	await phone.getByLabel('What did you see?').fill('Queue at the gate spilling onto the road.');
	await phone.getByRole('button', { name: 'Send report' }).click();
	// Saving waits for a position (a few seconds at most) and then opens the patrol screen: slow on a busy machine.
	await expect(phone.getByText('Report saved.')).toBeVisible({ timeout: 20_000 });
	await expect(figure(page, 'Open reports')).toHaveText(String(before.reports + 1), { timeout: 15_000 });
	await expect(overdue).toHaveCount(1);

	// A check-in clears the alert.
	await open(phone, '/patrol');
	await phone.getByLabel('Or type the checkpoint code').fill('NL1');
	await phone.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(phone.getByText('Everything sent')).toBeVisible();
	await expect(overdue).toHaveCount(0, { timeout: 15_000 });
	await alerts.close();
	await phone.close();

	// Logistics writes off the expired melon: 20 kg gone in the last hour, 10 kg left at that rate.
	const depot = await browser.newPage();
	await signIn(depot, demo.logistics);
	await open(depot, '/logistics/fresh');
	await depot
		.getByRole('listitem')
		.filter({ hasText: fruit.name })
		.getByRole('button', { name: `Write off ${fruit.name} at North Gate` })
		.click();
	await expect(
		depot
			.getByRole('region', { name: 'Expired: write off' })
			.getByRole('listitem')
			.filter({ hasText: fruit.name })
	).toHaveCount(0);
	await expect(figure(page, 'Stock running out')).toHaveText(String(before.stock + 1), { timeout: 15_000 });
	const written = await db.stockMovement.findFirstOrThrow({ where: { itemId: fruit.id, kind: 'WASTED' } });
	expect(written).toMatchObject({ quantity: 200, reason: 'Past its use-by time' });
	await depot.close();
});

test('the wall display opens at 1920×1080 from its read-only link and is refused once revoked', async ({
	page,
	browser
}) => {
	await signIn(page, demo.organizer);
	await open(page, '/organizer/command');
	const label = `Hall wall ${Date.now().toString(36)}`;
	await page.getByLabel('Screen name').fill(label);
	await page.getByRole('button', { name: 'Make a wall link' }).click();
	const link = (await page.locator('a.wall-link').getAttribute('href'))!;
	expect(link).toMatch(/\/wall\/[\w-]{40,}$/);

	const screen = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const wall = await screen.newPage();
	await open(wall, link);
	const operation = await e2eDb().operation.findFirstOrThrow({ where: { wallLinks: { some: { label } } } });
	await expect(wall.getByRole('heading', { level: 1, name: operation.name })).toBeVisible();
	await expect(wall.getByText('Live', { exact: true })).toBeVisible();
	// No navigation, no sign-in, nothing to click; large type on one screen.
	await expect(wall.getByRole('navigation')).toHaveCount(0);
	await expect(wall.locator('.figure')).toHaveCount(8);
	await expect(wall.getByRole('link')).toHaveCount(0);
	const layout = await wall.evaluate(() => ({
		width: document.documentElement.scrollWidth,
		height: document.documentElement.scrollHeight,
		figure: parseFloat(getComputedStyle(document.querySelector('.figure strong')!).fontSize),
		text: parseFloat(getComputedStyle(document.querySelector('.figure span')!).fontSize)
	}));
	expect(layout.width).toBeLessThanOrEqual(1920);
	expect(layout.height).toBeLessThanOrEqual(1080);
	// Read from 3 m, letters need about 9 mm; on a 55" screen at 1080 lines that is ~24 px.
	expect(layout.text).toBeGreaterThanOrEqual(22);
	expect(layout.figure).toBeGreaterThanOrEqual(48);
	await wall.screenshot({ path: test.info().outputPath('wall.png') });

	await page.getByRole('button', { name: `Revoke ${label}` }).click();
	await expect(page.getByRole('listitem').filter({ hasText: label }).getByText('Revoked')).toBeVisible();
	// The open wall is told, reloads, and is refused; so is every later visit.
	await expect(wall.getByText('This wall link does not exist or was revoked.')).toBeVisible({
		timeout: 15_000
	});
	const again = await screen.request.get(link);
	expect(again.status()).toBe(404);
	await screen.close();
});
