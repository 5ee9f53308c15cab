import { expect, test, type Page } from '@playwright/test';
import { e2eDb, patrolVolunteer } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, signIn, signOut, uniqueEmail } from './support';

test('a volunteer signs up, is approved by an admin, signs in to their home and signs out', async ({
	browser
}) => {
	const email = uniqueEmail('newcomer');
	const volunteer = await browser.newPage();
	await open(volunteer, '/signup');
	await volunteer.getByLabel('Full name').fill('Chen Jie');
	await volunteer.getByLabel('Email').fill(email);
	await volunteer.getByLabel('Mobile phone').fill('+86 139 0000 1111');
	await volunteer.getByLabel('Password').fill('volunteer password');
	await volunteer.getByLabel(/I agree/).check();
	await volunteer.getByRole('button', { name: 'Create account' }).click();
	await expect(volunteer.getByRole('heading', { name: 'Thanks for signing up, Chen Jie!' })).toBeVisible();
	// Pending accounts cannot reach the app yet.
	await open(volunteer, '/home');
	await expect(volunteer).toHaveURL(/\/status$/);

	const admin = await browser.newPage();
	await signIn(admin, demo.admin);
	await open(admin, '/organizer/approvals');
	const card = admin.getByRole('listitem').filter({ hasText: email });
	await expect(card).toContainText('+8613900001111');
	await card.getByRole('button', { name: 'Approve' }).click();
	await expect(admin.getByText('Chen Jie is approved.')).toBeVisible();
	await expect(admin.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);

	await volunteer.getByRole('button', { name: 'Sign out' }).click();
	await expect(volunteer).toHaveURL(/\/login$/);
	await signIn(volunteer, email, 'volunteer password');
	await expect(volunteer).toHaveURL(/\/home$/);
	await expect(volunteer.getByRole('heading', { name: 'Hello, Chen Jie' })).toBeVisible();
	await expect(volunteer.getByText('No shifts yet')).toBeVisible();
	await expectNoSidewaysScroll(volunteer);

	await volunteer.getByRole('button', { name: 'Sign out' }).click();
	await expect(volunteer).toHaveURL(/\/login$/);
	await open(volunteer, '/home');
	await expect(volunteer).toHaveURL(/\/login\?next=%2Fhome$/);
});

test('a wrong password shows an error and keeps the email', async ({ page }) => {
	await open(page, '/login');
	await page.getByLabel('Email').fill(demo.volunteer);
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
	await expect(page.getByLabel('Email')).toHaveValue(demo.volunteer);
	await expect(page).toHaveURL(/\/login$/);
});

test('each role lands on its own home', async ({ page }) => {
	for (const [email, path, heading] of [
		[demo.organizer, '/organizer', 'Overview'],
		[demo.logistics, '/logistics', 'Logistics'],
		[demo.volunteer, '/home', 'Hello, Wang Fang']
	] as const) {
		await signIn(page, email);
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await expectNoSidewaysScroll(page);
		await page.getByRole('button', { name: 'Sign out' }).click();
	}
});

test('a volunteer is refused organizer pages and actions, on the server', async ({ page, browser }) => {
	const waiting = await e2eDb().user.create({
		data: {
			email: uniqueEmail('waiting'),
			name: 'Waiting Person',
			passwordHash: 'not-a-hash',
			status: 'PENDING',
			profile: { create: {} }
		}
	});
	// The approve action as the volunteer list's form posts it (the record id in a hidden field).
	const approve = (on: Page) =>
		on.request.post('/organizer/volunteers?/approve', {
			form: { userId: waiting.id, id: waiting.id, name: waiting.name },
			headers: { origin: new URL(on.url()).origin }
		});
	const status = async () => (await e2eDb().user.findUniqueOrThrow({ where: { id: waiting.id } })).status;

	await signIn(page, demo.volunteer);
	const response = await open(page, '/organizer/volunteers?status=PENDING');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();

	// Posting straight to the action, as a script would, is refused too and changes nothing.
	expect((await approve(page)).status()).toBe(403);
	expect(await status()).toBe('PENDING');
	expect((await page.request.get('/logistics')).status()).toBe(403);

	// The same request from an organizer approves: the action exists, the refusal was the role's.
	const organizer = await browser.newPage();
	try {
		await signIn(organizer, demo.organizer);
		expect((await approve(organizer)).status()).toBe(200);
		expect(await status()).toBe('ACTIVE');
	} finally {
		await organizer.close();
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('sign-up shows a message under each bad field and keeps what was typed', async ({ page }) => {
		await open(page, '/signup');
		await page.getByLabel('Full name').fill('Li');
		await page.getByLabel('Email').fill('li@');
		await page.getByLabel('Mobile phone').fill('12345');
		await page.getByLabel('Password').fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();

		await expect(page.getByText('Please correct the fields marked below.')).toBeVisible();
		await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
		await expect(page.getByText('Enter a mobile number with country code')).toBeVisible();
		await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
		await expect(page.getByText('We need your agreement to store your details.')).toBeVisible();
		await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Email')).toHaveValue('li@');
		await expect(page.getByLabel('Password')).toHaveValue('');
	});

	test('signing up with an email that has an account says so', async ({ page }) => {
		await open(page, '/signup');
		await page.getByLabel('Full name').fill('Someone Else');
		await page.getByLabel('Email').fill(demo.volunteer.toUpperCase());
		await page.getByLabel('Password').fill('another long password');
		await page.getByLabel(/I agree/).check();
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByText('An account with this email already exists.')).toBeVisible();
		await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
		await page.getByRole('link', { name: 'Sign in with this email instead' }).click();
		await expect(page).toHaveURL(/\/login$/);
	});
});

test('the language switcher shows Simplified Chinese and remembers it', async ({ page }) => {
	// The switch happens as soon as the menu changes, once the app has taken over the page.
	await open(page, '/login');
	await page.getByLabel('Language').selectOption('zh');
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	await open(page, '/signup');
	await expect(page.getByRole('heading', { name: '志愿者注册' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
});

test('an unknown page gets the custom 404 page', async ({ page }) => {
	const response = await open(page, '/no/such/page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to my home page' })).toBeVisible();
});

test('the volunteer home draws the next route with numbered checkpoints even without map tiles', async ({
	page
}) => {
	// Nothing outside the app is reachable here, so every tile request fails, as in a dead zone.
	await signIn(page, demo.volunteer);
	const sketch = page.getByRole('img', { name: /Map of North Loop with 6 checkpoints/ });
	await expect(sketch).toBeVisible();
	await expect(sketch.locator('text')).toHaveText(['1', '2', '3', '4', '5', '6']);
	await expect(sketch.locator('polyline')).toHaveCount(1);

	// The interactive map loads only when asked for, and still draws the route without tiles.
	await page.getByRole('button', { name: 'Show on a map' }).click();
	const map = page.getByRole('region', { name: /Map of North Loop with 6 checkpoints/ });
	await expect(map.locator('.checkpoint-marker')).toHaveText(['1', '2', '3', '4', '5', '6']);
	await expect(map.locator('path.leaflet-interactive')).toHaveCount(1);
});

test('the service worker registers for the whole app', async ({ page }) => {
	await open(page, '/login');
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(scope).toBe(new URL('/', page.url()).href);
});

test.describe('a phone set to Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('gets the app in Simplified Chinese on its first visit', async ({ page }) => {
		await open(page, '/login');
		await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
		await expect(page.getByLabel('电子邮箱')).toBeVisible();
	});
});

test('an organizer makes a sign-in link for someone they added; it sets their password once', async ({
	page,
	browser
}) => {
	const { user } = await patrolVolunteer('welcome');
	await signIn(page, demo.organizer);
	await open(page, `/organizer/volunteers/${user.id}`);
	await page.getByRole('button', { name: 'Make a sign-in link' }).click();
	const link = await page.getByLabel(`Link for ${user.name}`).inputValue();
	expect(link).toMatch(/\/welcome\/[\w-]+\.[\w-]+$/);

	const person = await browser.newPage();
	await open(person, link);
	await expect(person.getByRole('heading', { name: `Welcome, ${user.name}` })).toBeVisible();
	await person.getByLabel('New password', { exact: true }).fill('my own password');
	await person.getByLabel('New password again').fill('my own passwrod');
	await person.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(person.getByText('The two passwords are not the same.')).toBeVisible();
	await person.getByLabel('New password again').fill('my own password');
	await person.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(person).toHaveURL(/\/home$/);
	await expect(person.getByRole('heading', { name: `Hello, ${user.name}` })).toBeVisible();

	await signOut(person);
	await open(person, link);
	await expect(person.getByText('This sign-in link has already been used.')).toBeVisible();
	await signIn(person, user.email, 'my own password');
	await expect(person).toHaveURL(/\/home$/);
});

test('pages carry a strict Content-Security-Policy and the session cookie is HttpOnly and SameSite', async ({
	page,
	context
}) => {
	const response = await open(page, '/login');
	const policy = response?.headers()['content-security-policy'] ?? '';
	expect(policy).toContain("default-src 'self'");
	expect(policy).toContain("object-src 'none'");
	expect(policy).toContain("form-action 'self'");
	// No 'unsafe-inline' scripts: SvelteKit's own inline script carries a per-response nonce.
	expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-[^']+';/);
	expect(policy).toContain("frame-ancestors 'none'");
	await signIn(page, demo.volunteer);
	const session = (await context.cookies()).find((cookie) => cookie.name === 'session');
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
});
