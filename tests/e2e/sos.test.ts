// SOS end to end, on a phone: held on the patrol screen online (its details and who is coming),
// pressed with no signal (a call and a text to the zone's number at once, with the place and the
// coordinates; the SOS arrives once when the signal returns), and its push to a responder shown by
// the real service worker with "I'm on my way", which the worker records.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { e2eDb, patrolVolunteer, readyOffline } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, reopen, signIn } from './support';

const HERE = { latitude: 31.2304, longitude: 121.4737 };
const ZONE_PHONE = '+862155550110';

async function withPosition(context: BrowserContext) {
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ ...HERE, accuracy: 12 });
}

/** Presses and holds the SOS button for a little more than a second. */
async function holdSos(page: Page) {
	const button = page.getByTestId('sos-button');
	const box = (await button.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(1300);
	await page.mouse.up();
}

const sosOf = (userId: string) => e2eDb().alert.findMany({ where: { raisedById: userId, kind: 'SOS' } });

async function zonePhone(routeId: string) {
	const route = await e2eDb().route.findUniqueOrThrow({ where: { id: routeId } });
	await e2eDb().zone.update({ where: { id: route.zoneId }, data: { guestPhone: ZONE_PHONE } });
}

test('an SOS held on the patrol screen reaches the leader, who answers; the caller sees who is coming', async ({
	page,
	context,
	browser
}) => {
	const person = await patrolVolunteer('sos-online');
	await withPosition(context);
	await signIn(page, person.email);
	await open(page, '/patrol');
	// A short tap only asks.
	await page.getByTestId('sos-button').click();
	await expect(page.getByRole('heading', { name: 'Send an SOS?' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	expect(await sosOf(person.user.id)).toHaveLength(0);

	await holdSos(page);
	await expect(page.getByText('SOS sent: help is being alerted')).toBeVisible();
	await expectNoSidewaysScroll(page);
	await expect.poll(async () => (await sosOf(person.user.id)).length).toBe(1);
	const [alert] = await sosOf(person.user.id);
	expect(alert).toMatchObject({ priority: 'CRITICAL', status: 'OPEN', shiftId: person.shift.id });
	expect(alert.lat).toBeCloseTo(HERE.latitude, 4);
	expect(alert.lng).toBeCloseTo(HERE.longitude, 4);

	// Kind and a note afterwards.
	await page.getByText('medical', { exact: true }).click();
	await page.getByLabel('A few words (optional)').fill('Fell on the stairs, ankle');
	await page.getByRole('button', { name: 'Add to the SOS' }).click();
	await expect(page.getByText('Added to your SOS.')).toBeVisible();
	await expect
		.poll(async () => JSON.parse((await e2eDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).params))
		.toMatchObject({ sos: 'MEDICAL', note: 'Fell on the stairs, ankle' });

	await page.getByRole('link', { name: 'See who is coming' }).click();
	await expect(page.getByText('Nobody has answered yet')).toBeVisible();

	// The shift leader (the demo organizer) answers from the alert's page.
	const leaderContext = await browser.newContext();
	try {
		const leader = await leaderContext.newPage();
		await signIn(leader, demo.organizer);
		await open(leader, `/alerts/${alert.id}`);
		await expect(leader.getByText('“Fell on the stairs, ankle”')).toBeVisible();
		await leader.getByRole('button', { name: "I'm on my way" }).click();
		await expect(leader.getByText('Recorded. The caller sees it.')).toBeVisible();
		await expect(leader.getByTestId('timeline')).toContainText('on the way');
	} finally {
		await leaderContext.close();
	}
	await expect(page.getByTestId('sos-answers')).toContainText(/is on the way \(since \d\d:\d\d\)/);
});

test('with no signal, the SOS offers a call and a text at once and arrives exactly once later', async ({
	page,
	context
}) => {
	const person = await patrolVolunteer('sos-offline');
	await zonePhone(person.route.id);
	await withPosition(context);
	await readyOffline(page, person.email);
	// The number is kept on the phone while online.
	await expect
		.poll(() => page.evaluate((id) => localStorage.getItem(`redband-sos-contact:${id}`), person.user.id))
		.toContain(ZONE_PHONE);

	await context.setOffline(true);
	await page.getByTestId('sos-button').click();
	await page.getByRole('button', { name: 'Send SOS' }).click();
	await expect(page.getByText(/No signal: your SOS is saved/)).toBeVisible();
	const call = page.getByTestId('sos-call');
	const text = page.getByTestId('sos-text');
	await expect(call).toHaveAttribute('href', `tel:${ZONE_PHONE}`);
	await expect(text).toHaveAttribute('href', new RegExp(`^sms:\\${ZONE_PHONE}\\?body=`));
	const body = decodeURIComponent((await text.getAttribute('href'))!.split('?body=')[1]);
	expect(body).toContain(`SOS from ${person.user.name}`);
	expect(body).toContain('North Loop');
	expect(body).toContain('31.23040,121.47370');
	await expectNoSidewaysScroll(page);
	await page.waitForTimeout(1000);
	expect(await sosOf(person.user.id)).toHaveLength(0);

	// Signal back: it goes out once, with the time it was pressed, whatever retries happen.
	const pressedAt = Date.now();
	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect.poll(async () => (await sosOf(person.user.id)).length, { timeout: 20_000 }).toBe(1);
	await reopen(page);
	await page.waitForTimeout(1500);
	const alerts = await sosOf(person.user.id);
	expect(alerts).toHaveLength(1);
	expect(alerts[0].raisedAt.getTime()).toBeLessThanOrEqual(pressedAt);
	expect(alerts[0].lat).toBeCloseTo(HERE.latitude, 4);
});

test('the SOS push reaches the responder\'s service worker with "I\'m on my way", which is recorded', async ({
	context,
	page,
	browser
}) => {
	const person = await patrolVolunteer('sos-push');
	// The caller sends it through the app's own endpoint.
	const callerContext = await browser.newContext();
	const caller = await callerContext.newPage();
	await signIn(caller, person.email);
	const sent = await caller.evaluate(async () => {
		const response = await fetch('/api/sos', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: crypto.randomUUID(),
				phoneTime: new Date().toISOString(),
				kind: 'THREAT',
				lat: 31.2304,
				lng: 121.4737
			})
		});
		return (await response.json()) as { alertId: string };
	});
	await callerContext.close();

	// The leader's inbox message for it, written by the notify job with "respond" on it.
	const leaderUser = await e2eDb().user.findUniqueOrThrow({ where: { email: demo.organizer } });
	await expect
		.poll(() => e2eDb().notice.count({ where: { userId: leaderUser.id, topic: `alert:${sent.alertId}` } }), {
			timeout: 20_000
		})
		.toBe(1);
	const notice = await e2eDb().notice.findFirstOrThrow({
		where: { userId: leaderUser.id, topic: `alert:${sent.alertId}` }
	});
	expect(notice).toMatchObject({ kind: 'alert.respond', urgency: 'HIGH', url: `/alerts/${sent.alertId}` });

	await context.grantPermissions(['notifications']);
	await signIn(page, demo.organizer);
	await open(page, '/inbox');
	await page.evaluate(() => navigator.serviceWorker.ready);
	const cdp = await context.newCDPSession(page);
	const registrations = new Map<string, string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
		for (const registration of updated) registrations.set(registration.scopeURL, registration.registrationId);
	});
	await cdp.send('ServiceWorker.enable');
	const origin = new URL(page.url()).origin;
	await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
	// What the push worker sends for this notice (deliver.ts, pushPayload).
	await cdp.send('ServiceWorker.deliverPushMessage', {
		origin,
		registrationId: registrations.get(`${origin}/`)!,
		data: JSON.stringify({
			id: notice.id,
			title: notice.title,
			body: notice.body,
			url: notice.url,
			topic: notice.topic,
			requireAck: false,
			locale: 'en',
			respond: sent.alertId
		})
	});
	const shown = () =>
		page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return (await registration.getNotifications()).map((n) => ({
				title: n.title,
				body: n.body,
				actions: ((n as unknown as { actions?: { action: string; title: string }[] }).actions ?? []).map(
					(a) => a.title
				)
			}));
		});
	// The worker may have to start first, which takes seconds on a busy machine.
	await expect
		.poll(shown, { timeout: 30_000 })
		.toEqual([{ title: 'SOS', body: notice.body, actions: ["I'm on my way"] }]);
	expect(notice.body).toContain(person.user.name);

	// The button's click, built in the worker's scope from the notification it shows.
	const [worker] = context.serviceWorkers();
	await worker.evaluate(async () => {
		const scope = self as unknown as EventTarget & {
			registration: ServiceWorkerRegistration;
			NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
		};
		const [notification] = await scope.registration.getNotifications();
		scope.dispatchEvent(
			new scope.NotificationEvent('notificationclick', { notification, action: 'on-my-way' })
		);
	});
	await expect
		.poll(() =>
			e2eDb().alertEvent.count({
				where: { alertId: sent.alertId, kind: 'on_my_way', actorId: leaderUser.id }
			})
		)
		.toBe(1);
	expect((await e2eDb().alert.findUniqueOrThrow({ where: { id: sent.alertId } })).status).toBe(
		'ACKNOWLEDGED'
	);
});
