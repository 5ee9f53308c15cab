// Notifications end to end: a push delivered to the real service worker (through the DevTools
// protocol, as a push service would), acknowledging from the notification and from the app, the
// inbox and its badge, and an organizer's broadcast from compose to "who has not acknowledged".
import { createECDH, randomBytes } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { e2eDb, patrolVolunteer } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, reopen, signIn, signOut } from './support';

/** A message in the person's inbox, written as the notify worker would. */
async function inboxMessage(userId: string, label: string, requireAck = true) {
	return e2eDb().notice.create({
		data: {
			userId,
			kind: 'broadcast',
			title: `Gate 3 closed ${label}`,
			body: 'Use Gate 5 from now on; the ferry queue moved there.',
			topic: `e2e:${label}`,
			urgency: 'HIGH',
			requireAck
		}
	});
}

/** The DevTools session and the id of the page's service worker registration. */
async function pushChannel(context: BrowserContext, page: Page) {
	const cdp = await context.newCDPSession(page);
	const registrations = new Map<string, string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
		for (const registration of updated) registrations.set(registration.scopeURL, registration.registrationId);
	});
	await cdp.send('ServiceWorker.enable');
	const origin = new URL(page.url()).origin;
	await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
	return {
		deliver: (data: unknown) =>
			cdp.send('ServiceWorker.deliverPushMessage', {
				origin,
				registrationId: registrations.get(`${origin}/`)!,
				data: JSON.stringify(data)
			})
	};
}

async function shownNotifications(page: Page) {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return (await registration.getNotifications()).map((n) => ({
			title: n.title,
			body: n.body,
			tag: n.tag,
			data: n.data as { id: string; url: string },
			actions: ((n as unknown as { actions?: { action: string; title: string }[] }).actions ?? []).map(
				(a) => a.action
			)
		}));
	});
}

const unreadBadge = (page: Page) => page.getByTestId('unread-count');

test('a push reaches the service worker, shows a notification, and its Acknowledge action is recorded once', async ({
	context,
	page
}) => {
	const person = await patrolVolunteer('push');
	const notice = await inboxMessage(person.user.id, 'push');
	await context.grantPermissions(['notifications']);
	await signIn(page, person.email);
	await open(page, '/inbox');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect(unreadBadge(page)).toHaveText('1');

	const push = await pushChannel(context, page);
	const payload = {
		id: notice.id,
		title: notice.title,
		body: notice.body,
		url: `/inbox/${notice.id}`,
		topic: notice.topic,
		requireAck: true,
		locale: 'en'
	};
	await push.deliver(payload);
	// The worker may have to start first, which takes seconds on a busy machine.
	await expect
		.poll(() => shownNotifications(page), { timeout: 30_000 })
		.toEqual([
			{
				title: notice.title,
				body: notice.body,
				tag: notice.topic,
				data: { id: notice.id, url: `/inbox/${notice.id}` },
				actions: ['ack']
			}
		]);
	// A newer message on the same topic replaces the older one on the phone.
	await push.deliver({ ...payload, body: 'Gate 5 is open again.' });
	await expect
		.poll(async () => (await shownNotifications(page)).map((n) => n.body), { timeout: 30_000 })
		.toEqual(['Gate 5 is open again.']);

	// The browser's own click on "Acknowledge" cannot be made headless: the worker gets the same
	// event, built in its own scope from the notification it is showing.
	const [worker] = context.serviceWorkers();
	const clickAck = () =>
		worker.evaluate(async () => {
			const scope = self as unknown as EventTarget & {
				registration: ServiceWorkerRegistration;
				NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
			};
			const [shown] = await scope.registration.getNotifications();
			scope.dispatchEvent(
				new scope.NotificationEvent('notificationclick', { notification: shown, action: 'ack' })
			);
		});
	await clickAck();
	await expect
		.poll(async () => (await e2eDb().notice.findUniqueOrThrow({ where: { id: notice.id } })).acknowledgedAt)
		.not.toBeNull();
	const first = (await e2eDb().notice.findUniqueOrThrow({ where: { id: notice.id } })).acknowledgedAt;
	const again = await page.evaluate(
		(id) => fetch(`/api/notices/${id}/ack`, { method: 'POST' }).then((r) => r.status),
		notice.id
	);
	expect(again).toBe(200);
	expect((await e2eDb().notice.findUniqueOrThrow({ where: { id: notice.id } })).acknowledgedAt).toEqual(
		first
	);

	await open(page, `/inbox/${notice.id}`);
	await expect(page.getByText(/Acknowledged .*\d\d:\d\d/)).toBeVisible();
	await expect(unreadBadge(page)).toHaveCount(0);
});

test('an organizer broadcasts to a shift, the volunteer acknowledges in the inbox, and the organizer sees it', async ({
	browser,
	page
}) => {
	test.setTimeout(90_000);
	const person = await patrolVolunteer('broadcast');
	const subject = `Water at North Loop ${Date.now().toString(36)}`;

	await signIn(page, demo.organizer);
	await open(page, '/organizer');
	await page.getByRole('link', { name: /Broadcasts/ }).click();
	await page.getByRole('link', { name: 'New broadcast' }).click();
	await page.getByLabel('Title').first().fill(subject);
	await page.getByLabel('Text').first().fill('Fresh water at the ferry gate from 14:00.');
	await page.getByText('In 简体中文').click();
	await page.locator('[name="title_zh"]').fill(`北环线供水 ${subject}`);
	await page.locator('[name="body_zh"]').fill('14:00 起渡口闸口有饮用水。');
	await page.locator('summary', { hasText: 'Shifts (running now' }).click();
	await page.locator(`input[name="shiftIds"][value="${person.shift.id}"]`).check();
	await expect(page.getByTestId('audience-count')).toHaveText(/Reaches [1-9]\d* people/);
	await page.getByLabel('Ask people to acknowledge').check();
	await page.locator('#field-urgency').selectOption('HIGH');
	await expectNoSidewaysScroll(page);
	await page.getByRole('button', { name: 'Send' }).click();

	await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
	// The list opens on the people who have not answered: here the volunteer, who has no device.
	await expect(page.getByTestId('count-acknowledged')).toHaveText('0');
	await expect(page.locator('.people').getByText(person.user.name)).toBeVisible();

	const volunteer = await browser.newPage();
	try {
		await signIn(volunteer, person.email);
		await expect(unreadBadge(volunteer)).toHaveText('1');
		await volunteer.getByRole('link', { name: /Inbox, 1 unread/ }).click();
		await volunteer.getByRole('link', { name: new RegExp(subject) }).click();
		await expect(volunteer.getByText('Fresh water at the ferry gate from 14:00.')).toBeVisible();
		await expect(unreadBadge(volunteer)).toHaveCount(0);
		await volunteer.getByRole('button', { name: 'Acknowledge' }).click();
		await expect(volunteer.getByText(/Acknowledged .*\d\d:\d\d/)).toBeVisible();
	} finally {
		await volunteer.close();
	}

	await reopen(page);
	await expect(page.getByTestId('count-acknowledged')).toHaveText('1');
	await page.getByRole('link', { name: /Unreachable/ }).click();
	await expect(page.locator('.people').getByText(person.user.name)).toHaveCount(0);
});

test('without JavaScript: a message is acknowledged with one tap, and the compose page counts on request', async ({
	browser
}) => {
	const person = await patrolVolunteer('nojs');
	const notice = await inboxMessage(person.user.id, 'nojs');
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		await signIn(page, person.email);
		await open(page, '/inbox');
		await page.getByRole('link', { name: new RegExp(notice.title) }).click();
		await page.getByRole('button', { name: 'Acknowledge' }).click();
		await expect(page.getByText(/Acknowledged .*\d\d:\d\d/)).toBeVisible();
		expect(
			(await e2eDb().notice.findUniqueOrThrow({ where: { id: notice.id } })).acknowledgedAt
		).not.toBeNull();

		await signOut(page);
		await signIn(page, demo.organizer);
		await open(page, '/organizer/broadcasts/new');
		await page.getByLabel('Title').first().fill('Kept after counting');
		await page.locator('summary', { hasText: 'Shifts (running now' }).click();
		await page.locator(`input[name="shiftIds"][value="${person.shift.id}"]`).check();
		await page.getByRole('button', { name: 'Count recipients' }).click();
		// The shift has one person on it: the count is narrowed to it, and said in the singular.
		await expect(page.getByTestId('audience-count')).toHaveText('Reaches 1 person');
		await expect(page.getByLabel('Title').first()).toHaveValue('Kept after counting');
		await expect(page.locator(`input[name="shiftIds"][value="${person.shift.id}"]`)).toBeChecked();
	} finally {
		await context.close();
	}
});

/** A subscription as a browser would hand it over, with a real P-256 key and auth secret. */
function fakeSubscription(endpoint: string) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		endpoint,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
		label: 'Chrome · Android'
	};
}

test('a device is stored only for a known push service, listed, and removed', async ({ page }) => {
	const person = await patrolVolunteer('devices');
	await signIn(page, person.email);
	await open(page, '/account/notifications');
	await expect(page.getByText('No device receives notifications yet.')).toBeVisible();

	const post = (body: unknown) =>
		page.evaluate(
			(payload) =>
				fetch('/api/push/subscriptions', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(payload)
				}).then(async (r) => ({ status: r.status, body: await r.json() })),
			body
		);
	const refused = await post(fakeSubscription('https://127.0.0.1:9/internal/admin'));
	expect(refused.status).toBeGreaterThanOrEqual(400);
	expect(refused.status).toBeLessThan(500);
	expect(refused.body.message).toBeTruthy();
	const garbage = await post({ endpoint: 'not a url' });
	expect(garbage.status).toBe(400);

	const stored = await post(fakeSubscription(`https://fcm.googleapis.com/fcm/send/e2e-${Date.now()}`));
	expect(stored.status).toBe(201);
	await reopen(page);
	const device = page.getByRole('listitem').filter({ hasText: 'Chrome · Android' });
	await expect(device).toBeVisible();
	await expectNoSidewaysScroll(page);
	await device.getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByText('The device no longer receives notifications.')).toBeVisible();
	await expect(page.getByText('No device receives notifications yet.')).toBeVisible();
	expect(await e2eDb().pushSubscription.count({ where: { userId: person.user.id } })).toBe(0);
});
