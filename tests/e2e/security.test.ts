// What a browser sees of the hardening: no caching of personal pages and JSON, no off-site
// redirects after sign-in or a language switch.
import { expect, test } from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { demo, demoPassword, open, signIn, signOut, uniqueEmail } from './support';

test('signed-in pages and JSON answer Cache-Control: no-store', async ({ page }) => {
	await signIn(page, demo.volunteer);
	for (const path of ['/home', '/shifts', '/account', '/inbox']) {
		const response = await page.request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['cache-control'], path).toBe('no-store');
	}
	const data = await page.request.get('/home/__data.json');
	expect(data.headers()['cache-control']).toBe('no-store');
	const api = await page.request.delete('/api/push/subscriptions', { data: {} });
	expect(api.headers()['cache-control']).toBe('no-store');
});

test('sign-in and the language switch never redirect off the site', async ({ page, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	for (const next of [
		'/%09/evil.example/phish',
		'//evil.example',
		'/\\evil.example',
		'https://evil.example'
	]) {
		await open(page, `/login?next=${encodeURIComponent(next)}`);
		await page.getByLabel('Email').fill(demo.volunteer);
		await page.getByLabel('Password').fill(demoPassword());
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).not.toHaveURL(/\/login/);
		expect(new URL(page.url()).origin).toBe(origin);
		// Through the app's own button: clearing cookies races the service worker.
		await signOut(page);
	}
	const raw = await page.request.post('/login?next=/%09/evil.example/phish', {
		form: { email: demo.volunteer, password: 'wrong password here' },
		maxRedirects: 0
	});
	expect(raw.status()).toBeLessThan(500);
	const locale = await page.request.post('/locale', {
		form: { locale: 'en', redirectTo: '/\t/evil.example' },
		maxRedirects: 0,
		headers: { origin }
	});
	expect(locale.status()).toBe(303);
	expect(locale.headers()['location']).toBe('/');
});

test("an organizer neither sees nor acts on another operation's volunteers, and still sees new sign-ups", async ({
	page
}) => {
	const db = e2eDb();
	const stamp = Date.now().toString(36);
	const other = await db.operation.create({
		data: {
			name: `Elsewhere ${stamp}`,
			timezone: 'UTC',
			startsAt: new Date(Date.now() - 3_600_000),
			endsAt: new Date(Date.now() + 48 * 3_600_000)
		}
	});
	const person = (name: string, status: 'ACTIVE' | 'PENDING', operationId?: string) =>
		db.user.create({
			data: {
				email: uniqueEmail('scope'),
				name: `${name} ${stamp}`,
				passwordHash: 'not-a-hash',
				status,
				profile: { create: {} },
				skills: { create: { skill: 'FIRST_AID' } },
				...(operationId ? { memberships: { create: { operationId } } } : {})
			}
		});
	const outsider = await person('Outsider', 'ACTIVE', other.id);
	const newcomer = await person('Newcomer', 'PENDING');

	await signIn(page, demo.organizer);
	await open(page, `/organizer/volunteers?q=${stamp}`);
	await expect(page.getByRole('heading', { name: newcomer.name })).toBeVisible();
	await expect(page.getByText(outsider.name)).toHaveCount(0);
	expect((await open(page, `/organizer/volunteers/${outsider.id}`))?.status()).toBe(404);
	expect((await open(page, `/organizer/volunteers/${newcomer.id}`))?.status()).toBe(200);

	const origin = new URL(page.url()).origin;
	const post = (path: string, form: Record<string, string>) =>
		page.request.post(path, { form, headers: { origin }, maxRedirects: 0 });
	for (const [path, form] of [
		['/organizer/volunteers?/suspend', { id: outsider.id, reason: 'probe' }],
		[`/organizer/volunteers/${outsider.id}?/suspend`, { id: outsider.id, reason: 'probe' }],
		[`/organizer/volunteers/${outsider.id}?/verify`, { skill: 'FIRST_AID', verified: 'yes' }],
		[`/organizer/volunteers/${outsider.id}?/welcome`, {}]
	] as const) {
		// An action posted as a script would answers JSON; the refusal's status is inside it.
		const answer = await (await post(path, form)).json();
		expect(answer, path).toMatchObject({ type: 'failure', status: 404 });
	}
	const after = await db.user.findUniqueOrThrow({ where: { id: outsider.id }, include: { skills: true } });
	expect(after.status).toBe('ACTIVE');
	expect(after.skills[0].verifiedAt).toBeNull();
	const csv = await (await page.request.get(`/organizer/volunteers/export.csv?q=${stamp}`)).text();
	expect(csv).toContain(newcomer.name);
	expect(csv).not.toContain(outsider.name);
});
