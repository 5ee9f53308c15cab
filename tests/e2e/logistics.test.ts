import { expect, test, type Browser } from '@playwright/test';
import { zonedDate } from '../../src/lib/time';
import { e2eDb } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, reopen, signIn } from './support';

const gateLead = 'gate.lead@redband.demo';

async function signedIn(browser: Browser, email: string) {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

test('a post asks for water, logistics delivers it, and the balances and daily report show it', async ({
	browser
}) => {
	const post = await signedIn(browser, gateLead);
	await open(post, '/supplies');
	await expect(post.getByText('North Gate', { exact: true })).toBeVisible();
	await post.getByLabel('Water 500 ml').fill('40');
	await post.getByRole('button', { name: 'Send request' }).click();
	await expect(post.getByText('Request sent.')).toBeVisible();
	const mine = post.getByRole('article').filter({ hasText: '40 bottles Water 500 ml' });
	await expect(mine.locator('[data-status]')).toHaveText('Waiting');
	await expectNoSidewaysScroll(post);

	const logistics = await signedIn(browser, demo.logistics);
	await open(logistics, '/logistics/requests');
	const card = logistics
		.getByRole('article')
		.filter({ hasText: 'North Gate' })
		.filter({ hasText: '40 bottles' });
	await card.getByRole('button', { name: 'Accept' }).click();
	await card.getByRole('button', { name: 'Picked: take off the shelf' }).click();
	await expect(card.locator('[data-status]')).toHaveText('On the way');
	await card.getByRole('button', { name: 'Delivered' }).click();
	await expect(logistics.getByText('Delivered: the stock is now at the post.')).toBeVisible();

	// The post's page follows the request by itself and then confirms receipt.
	await expect(mine.locator('[data-status]')).toHaveText('Delivered');
	await mine.getByRole('button', { name: 'We received it' }).click();
	await expect(mine.locator('[data-status]')).toHaveText('Received');

	await open(logistics, '/logistics');
	const water = logistics.getByRole('row', { name: /Water 500 ml/ });
	const columns = await logistics.getByRole('columnheader').allTextContents();
	const cells = await water.getByRole('cell').allTextContents();
	// 48 delivered this morning, 30 issued, 40 now.
	expect(cells[columns.indexOf('North Gate') - 1].trim()).toBe('58 bottles');
	await expectNoSidewaysScroll(logistics);

	// Today's report: the 40 just delivered, plus the seed's 48 unless the event's midnight fell
	// between the server's start and now (the demo operation's day is Shanghai's).
	const seeded = await e2eDb().stockMovement.findFirstOrThrow({
		where: { kind: 'TRANSFER', quantity: 48, toPost: { name: 'North Gate' }, item: { name: 'Water 500 ml' } },
		orderBy: { createdAt: 'asc' },
		include: { item: { select: { operation: { select: { timezone: true } } } } }
	});
	const { timezone } = seeded.item.operation;
	const today = zonedDate(new Date(), timezone);
	const delivered = 40 + (zonedDate(seeded.createdAt, timezone) === today ? 48 : 0);
	await open(logistics, `/logistics/report?day=${today}`);
	const chart = logistics.getByRole('figure').filter({ hasText: 'Water 500 ml' });
	await expect(chart.getByRole('img')).toHaveAttribute(
		'aria-label',
		new RegExp(`North Gate ${delivered} bottles`)
	);
	await expect(chart.locator('text').filter({ hasText: `${delivered} bottles` })).toBeVisible();
	await expect(logistics.getByText(/requests delivered/)).toBeVisible();
	await expectNoSidewaysScroll(logistics);
	const csv = await logistics.request.get(`/logistics/report/csv?day=${today}`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain(`stock,Water 500 ml,BOTTLE,North Gate,transferredIn,${delivered}`);
});

test('a volunteer off post cannot ask for supplies or move stock, even by posting directly', async ({
	browser,
	page
}) => {
	const lead = await signedIn(browser, gateLead);
	await open(lead, '/supplies');
	const northGate = await lead.locator('input[name="postId"]').inputValue();

	await signIn(page, demo.volunteer);
	await open(page, '/supplies');
	await expect(page.getByRole('heading', { name: 'You are not on a post right now' })).toBeVisible();
	const origin = new URL(page.url()).origin;
	const field = (await lead.locator('input[name^="qty_"]').first().getAttribute('name'))!;
	const asked = await page.request.post('/supplies?/request', {
		form: { postId: northGate, [field]: '5' },
		headers: { origin, accept: 'application/json' }
	});
	const failure = await asked.text();
	expect(failure).toContain('"status":403');
	expect(failure).toContain('You can only ask for supplies for a post you are on.');
	const moved = await page.request.post('/logistics/stock?/move', {
		form: { kind: 'ISSUED', itemId: 'x', quantity: '1', fromPostId: 'y' },
		headers: { origin }
	});
	expect(moved.status()).toBe(403);
	expect((await open(page, '/logistics/stock'))?.status()).toBe(403);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the stock form refuses bad quantities and more than the balance, and records nothing', async ({
		page
	}) => {
		await signIn(page, demo.logistics);
		await open(page, '/logistics/stock');
		// Coffee is never issued from the depot in the demo: any such line would be ours.
		const coffeeIssued = page
			.getByRole('region', { name: 'Ledger' })
			.getByRole('listitem')
			.filter({ hasText: /Issued · .* Coffee/ });
		await expect(coffeeIssued).toHaveCount(0);
		const issue = async (quantity: string) => {
			await page.getByLabel('Issued').check();
			await page.getByLabel('Item').selectOption({ label: 'Coffee (cups)' });
			await page.getByLabel('Quantity').fill(quantity);
			await page.getByLabel('From').selectOption({ label: 'Central Depot · Depot' });
			await page.getByRole('button', { name: 'Record', exact: true }).click();
		};
		await issue('-5');
		await expect(page.getByText('Enter a quantity above zero')).toBeVisible();
		await expect(page.getByLabel('Quantity')).toHaveAttribute('aria-invalid', 'true');
		await issue('ten');
		await expect(page.getByText('Enter a quantity above zero')).toBeVisible();
		await issue('100000');
		await expect(page.getByText(/Not enough stock here: only \d+ left\./)).toBeVisible();
		await open(page, '/logistics/stock');
		await expect(coffeeIssued).toHaveCount(0);
	});
});

test('a shift leader serves meals from the tick list, once per person', async ({ page }) => {
	await signIn(page, gateLead);
	await open(page, '/meals');
	await page.getByRole('link', { name: /North Gate/ }).click();
	await expect(page.getByRole('list', { name: 'People on this shift' })).toContainText('Li Na');
	await page.getByRole('button', { name: 'Serve Chen Hao' }).click();
	await expect(page.getByText('Meal served to Chen Hao.')).toBeVisible();
	const row = page.getByRole('listitem').filter({ hasText: 'Chen Hao' });
	await expect(row).toContainText('served');
	await expect(row.getByRole('button')).toHaveCount(0);
	await expectNoSidewaysScroll(page);

	await open(page, '/badge');
	await expect(page.getByRole('img', { name: 'Badge QR code of Zhang Wei' })).toBeVisible();
});

test('staff on shift book a rest pod, check in, and the board shows them inside; staff change the pod', async ({
	browser
}) => {
	const person = await signedIn(browser, gateLead);
	await open(person, '/pods');
	const pod = person.getByRole('region', { name: 'Quiet pod' });
	await pod.getByRole('button', { name: /free$/ }).first().click();
	await expect(person.getByText('Booked. You will get a reminder when the slot starts.')).toBeVisible();
	await expect(person.getByRole('region', { name: 'Your booking' })).toContainText('Quiet pod');
	await expectNoSidewaysScroll(person);

	// Check-in is open from shortly before a slot until 5 minutes into it: move the booking to
	// have started a minute ago, as if the person had booked a slot that is starting now.
	const startsAt = new Date(Date.now() - 60_000);
	const user = await e2eDb().user.findUniqueOrThrow({ where: { email: gateLead } });
	const booking = await e2eDb().podBooking.findUniqueOrThrow({ where: { activeKey: user.id } });
	await e2eDb().podBooking.update({
		where: { id: booking.id },
		data: {
			startsAt,
			endsAt: new Date(startsAt.getTime() + 20 * 60_000),
			placeKey: `${booking.podId}:${startsAt.getTime()}:${booking.place}`
		}
	});
	await reopen(person);
	await person.getByRole('button', { name: 'Check in' }).click();
	await expect(person.getByRole('button', { name: 'Check out' })).toBeVisible();

	const board = await signedIn(browser, demo.logistics);
	await open(board, '/logistics/pods');
	const quiet = board.getByRole('article').filter({ hasText: 'Quiet pod' });
	await expect(quiet).toContainText('1 inside');
	await expect(quiet).toContainText('3 of 4 free');

	await quiet.getByRole('link', { name: 'Change Quiet pod' }).click();
	// The board has an "add a pod" form with the same fields: wait for the pod's own page.
	await expect(board.getByRole('heading', { name: 'Change Quiet pod' })).toBeVisible();
	await board.getByLabel('Places').fill('6');
	await board.getByRole('button', { name: 'Save changes' }).click();
	await expect(board).toHaveURL(/\/logistics\/pods$/);
	await expect(quiet).toContainText('5 of 6 free');

	await person.getByRole('button', { name: 'Check out' }).click();
	await expect(quiet).toContainText('6 of 6 free');
	await expect(quiet).toContainText('0 inside');
});
