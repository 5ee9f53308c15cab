import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, reopen, signIn, signOut, uniqueEmail } from './support';

const PASSWORD = 'volunteer password';

/** The operation's date `days` from today, in its timezone (Asia/Shanghai). */
function shanghaiDate(days: number) {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
	const [y, m, d] = today.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A new volunteer account, signed up and approved by the organizer; returns the volunteer's page. */
async function newVolunteer(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
	const email = uniqueEmail('rostering');
	const page = await browser.newPage();
	await open(page, '/signup');
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByLabel(/I agree/).check();
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: `Thanks for signing up, ${name}!` })).toBeVisible();

	const organizer = await browser.newPage();
	await signIn(organizer, demo.organizer);
	await open(organizer, '/organizer/volunteers?status=PENDING');
	await organizer
		.getByRole('listitem')
		.filter({ hasText: email })
		.getByRole('button', { name: 'Approve' })
		.click();
	await expect(organizer.getByText(`${name} is approved.`)).toBeVisible();
	await organizer.close();

	// A pending account has a session: the thank-you page has the header's "Sign out" too.
	await signOut(page);
	await signIn(page, email, PASSWORD);
	return { page, email };
}

test('an organizer makes a route with checkpoints and a shift; a volunteer signs up and sees it next, with the route drawn', async ({
	browser,
	page
}) => {
	test.setTimeout(120_000);
	const routeName = `Pier Walk ${Date.now().toString(36)}`;
	await signIn(page, demo.organizer);
	await open(page, '/organizer/operations');
	await page.getByRole('link', { name: 'Harbour Expo Week' }).click();
	await page.getByText('Add route').click();
	await page.getByLabel('Route name').fill(routeName);
	await page.locator('#route-zone').selectOption({ label: 'Riverside Walk' });
	await page.getByRole('button', { name: 'Create route' }).click();
	await expect(page.getByRole('heading', { level: 1, name: routeName })).toBeVisible();

	const checkpoints = [
		['Ferry gate', '31.1930', '121.3010'],
		['Fish market', '31.1936', '121.3022'],
		['Lighthouse steps', '31.1941', '121.3035']
	];
	for (const [index, [name, lat, lng]] of checkpoints.entries()) {
		await page.locator('#cp-name-new').fill(name);
		await page.locator('#cp-lat-new').fill(lat);
		await page.locator('#cp-lng-new').fill(lng);
		await page.getByRole('button', { name: 'Add checkpoint' }).click();
		await expect(page.locator('ol.checkpoints > li')).toHaveCount(index + 1);
	}
	await expect(page.locator('ol.checkpoints > li strong')).toHaveText(checkpoints.map(([name]) => name));

	await page.getByRole('link', { name: 'New shift' }).click();
	await expect(page.getByLabel('Route or post')).toHaveValue(/^route:/);
	await page.getByLabel('Date').fill(shanghaiDate(1));
	await page.getByLabel('Starts').fill('09:00');
	await page.getByLabel('Ends').fill('13:00');
	await page.getByLabel('People needed').fill('2');
	await page.getByRole('button', { name: 'Create shift' }).click();
	await expect(page.getByRole('heading', { level: 1, name: routeName })).toBeVisible();
	await expect(page.getByText('0/2')).toBeVisible();

	const { page: volunteer } = await newVolunteer(browser, 'Zhou Lan');
	await open(volunteer, '/shifts');
	const card = volunteer.getByRole('listitem').filter({ hasText: routeName });
	await expect(card).toContainText('09:00–13:00');
	await card.getByRole('button', { name: 'Sign up' }).click();
	await expect(volunteer.getByText('You are on the shift.')).toBeVisible();
	await expectNoSidewaysScroll(volunteer);

	await open(volunteer, '/home');
	const next = volunteer.getByRole('region', { name: 'Your next shift' });
	await expect(next).toContainText(`Route: ${routeName}`);
	await expect(next).toContainText('09:00 – 13:00');
	const map = next.getByRole('img', { name: `Map of ${routeName} with 3 checkpoints` });
	await expect(map).toBeVisible();
	await expect(map.locator('text')).toHaveText(['1', '2', '3']);
	await expect(map.locator('polyline')).toHaveCount(1);
	await expect(next.locator('ol.checkpoints li strong')).toHaveText(checkpoints.map(([name]) => name));

	// The organizer sees the volunteer on the shift.
	await reopen(page);
	await expect(page.getByText('1/2')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zhou Lan' })).toBeVisible();
});

test('a volunteer cannot read others’ phones, cannot sign someone else up and cannot edit routes', async ({
	browser,
	page
}) => {
	// On a shift with team mates but not its leader: names, no phone numbers.
	await signIn(page, demo.volunteer);
	await page.getByRole('link', { name: 'Shift details' }).click();
	const team = page.getByRole('region', { name: 'Team' });
	await expect(team.getByRole('listitem')).toHaveCount(3);
	await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);
	await expect(page.getByText(/\+86139/)).toHaveCount(0);

	const origin = new URL(page.url()).origin;
	// A team mate on this very shift: seen by name, but their contact details are not for a volunteer.
	const shiftId = page.url().split('/').pop()!;
	const mates = await e2eDb().assignment.findMany({
		where: { shiftId, user: { email: { not: demo.volunteer } } },
		include: { user: true }
	});
	expect(mates.length).toBeGreaterThan(0);
	const mate = mates[0].user;
	await expect(team.getByText(mate.name).first()).toBeVisible();
	expect((await page.request.get(`/organizer/volunteers/${mate.id}`)).status()).toBe(403);
	const contact = await page.request.get(`/api/volunteers/${mate.id}/contact`);
	expect(contact.status()).toBe(403);
	expect(await contact.json()).toMatchObject({ code: 'forbidden' });
	// Their own details, through the same endpoint, they may read.
	const me = await e2eDb().user.findUniqueOrThrow({ where: { email: demo.volunteer } });
	expect((await page.request.get(`/api/volunteers/${me.id}/contact`)).status()).toBe(200);
	const routes = await page.request.post('/organizer/routes/anything?/checkpoint', {
		form: { name: 'Sneaky', lat: '31.1', lng: '121.3' },
		headers: { origin }
	});
	expect(routes.status()).toBe(403);
	const assign = await page.request.post('/organizer/shifts/anything?/assign', {
		form: { userId: 'someone' },
		headers: { origin }
	});
	expect(assign.status()).toBe(403);

	// A userId slipped into the volunteer's own sign-up form is ignored: it signs up the sender.
	const { page: volunteer } = await newVolunteer(browser, 'Qian Yu');
	await open(volunteer, '/shifts');
	const link = volunteer.getByRole('listitem').first().getByRole('link').first();
	const shiftPath = (await link.getAttribute('href'))!;
	const response = await volunteer.request.post('/shifts?/signUp', {
		form: { id: shiftPath.split('/').pop()!, userId: 'someone-else' },
		headers: { origin }
	});
	expect(response.status()).toBe(200);
	await open(volunteer, shiftPath);
	await expect(volunteer.getByText(/You are on (this shift|the waitlist)/)).toBeVisible();
});

test('a roster file with bad rows is refused row by row; a good one imports with progress', async ({
	page
}) => {
	await signIn(page, demo.organizer);
	await open(page, '/organizer/volunteers/import');
	const stamp = Date.now().toString(36);
	const bad = [
		'name,phone,email,languages,skills,zone',
		`Good Row,+8613800000001,good-${stamp}@import.e2e,zh,radio,North Plaza`,
		`B,12345,bad-${stamp},klingon,,Atlantis`
	].join('\n');
	await page
		.getByLabel('CSV file')
		.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
	await page.getByRole('button', { name: 'Check file' }).click();
	await expect(
		page.getByText('Problems found: 5. Fix them in the file and check again. Nothing was saved.')
	).toBeVisible();
	const rows = page.getByRole('row');
	await expect(rows.filter({ hasText: 'Not an email address.' })).toContainText('3');
	await expect(rows.filter({ hasText: 'No zone called "Atlantis" in this operation.' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);

	const good = ['name,phone,email,languages,skills,zone'];
	for (let i = 0; i < 300; i++)
		good.push(`Imported ${i},,imp${i}-${stamp}@import.e2e,zh;en,first aid,Metro Hub`);
	await page
		.getByLabel('CSV file')
		.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(good.join('\n')) });
	await page.getByRole('button', { name: 'Check file' }).click();
	await expect(page.getByText('All 300 rows are correct.')).toBeVisible();
	const streamed = page.waitForResponse('**/api/organizer/roster-import');
	await page.getByRole('button', { name: 'Import 300 volunteers' }).click();
	expect((await streamed).headers()['content-type']).toBe('application/x-ndjson');
	await expect(page.getByText('300 volunteers imported.')).toBeVisible();

	await open(page, `/organizer/volunteers?q=imp7-${stamp}`);
	await expect(page.getByRole('listitem').filter({ hasText: `imp7-${stamp}@import.e2e` })).toContainText(
		'First aid · not yet verified'
	);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a volunteer signs up for a shift and the list says so', async ({ browser }) => {
		const { page } = await newVolunteer(browser, 'Sun Mei');
		await open(page, '/shifts');
		const card = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('button', { name: 'Sign up' }) })
			.first();
		const title = (await card.getByRole('heading').textContent())!.trim();
		await card.getByRole('button', { name: 'Sign up' }).click();
		await expect(page.getByText('You are on the shift.')).toBeVisible();
		await open(page, '/home');
		await expect(page.getByRole('region', { name: 'Your next shift' })).toContainText(title);
	});
});
