// Guests from abroad end to end: a card opened in the guest's own language, a help request that a
// volunteer on duty takes while the guest watches, the limits of the public entry, lost and found
// from report to hand-over, the phrase cards with no signal, and the scripts drawn with fonts that
// have their glyphs at 360 px.
import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type CDPSession,
	type Page
} from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, signIn, unfoldAlertGroup } from './support';

const GATE_LEAD = 'gate.lead@redband.demo';
const word = () =>
	Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A fresh card for the North Plaza (where the demo crew is on duty), made by an organizer. */
async function newCard(browser: Browser): Promise<string> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, demo.organizer);
	await open(page, '/organizer/guests');
	const label = `e2e ${word()}`;
	const form = page.locator('form[action="?/card"]');
	await form.getByLabel('Zone').selectOption({ label: 'North Plaza' });
	await form.getByLabel(/Put up at/).selectOption({ label: 'North Plaza · North Gate' });
	await form.getByLabel(/Label/).fill(label);
	await form.getByRole('button', { name: 'Make the card' }).click();
	await expect(page.getByText('The card is ready to print.')).toBeVisible();
	const row = page.locator('li', { hasText: label });
	const code = (await row.locator('.code').textContent())!.trim();
	await context.close();
	return code;
}

async function guest(browser: Browser, locale: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 } });
	return { context, page: await context.newPage() };
}

/** Sends a help request from the card page; returns the guest's own link. */
async function askForHelp(page: Page, code: string, kind: string, note: string, send: string) {
	await open(page, `/g/${code}`);
	await page.getByLabel(kind).check();
	await page.locator('#note').fill(note);
	await page.getByRole('button', { name: send }).click();
	await expect(page).toHaveURL(/\/g\/r\/[\w-]{43}$/);
	return new URL(page.url()).pathname;
}

test('a guest with a Thai browser asks for help and sees live who is coming, and nobody else’s request', async ({
	browser
}) => {
	const code = await newCard(browser);
	const { context, page } = await guest(browser, 'th-TH');
	await open(page, `/g/${code}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'th');
	await expect(page.getByText('ช่วยเหลือผู้มาเยือน')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'เจ้าหน้าที่รักษาความปลอดภัยในพื้นที่นี้' })).toBeVisible();
	await expect(page.getByRole('link', { name: /โทร \+8621640/ })).toHaveAttribute('href', /^tel:\+8621640/);
	const note = `เสื้อสีฟ้า ${word()}`;
	const link = await askForHelp(page, code, 'ฉันหลงทาง', note, 'ส่งคำขอ');
	await expect(page.getByText('ส่งแล้ว เรากำลังแจ้งอาสาสมัครที่อยู่ใกล้คุณ')).toBeVisible();

	// A volunteer on duty at the North Gate takes it from their list.
	const crew = await browser.newContext();
	const volunteer = await crew.newPage();
	await signIn(volunteer, GATE_LEAD);
	await open(volunteer, '/guests');
	const card = volunteer.locator('article', { hasText: note });
	await expect(card).toContainText('Lost their way');
	await expect(card.locator('[lang="th"]')).toHaveText('ไทย');
	await card.getByRole('button', { name: "I'm coming" }).click();
	await expect(card).toContainText('You are on your way');

	// The guest's page changes by itself: no reload.
	await expect(page.getByRole('heading', { name: 'มีคนกำลังไปหาคุณ' })).toBeVisible();
	await expect(page.getByText('Zhang ปลอกแขนหมายเลข 101 กำลังไปหาคุณ')).toBeVisible();
	const shown = await page.locator('main').innerText();
	expect(shown).not.toMatch(/Wei|\+86 ?1[3-9]\d|31\.19/);

	// Another guest's request cannot be reached without its own secret link.
	const other = await guest(browser, 'th-TH');
	const otherLink = await askForHelp(other.page, code, 'อื่นๆ', `ร่ม ${word()}`, 'ส่งคำขอ');
	expect(otherLink).not.toBe(link);
	const request = await e2eDb().guestHelpRequest.findFirstOrThrow({
		where: { card: { code } },
		orderBy: { createdAt: 'desc' }
	});
	for (const probe of [`/g/r/${request.id}`, `${otherLink.slice(0, -4)}AAAA`, `/guests/${request.id}`]) {
		const response = await open(page, probe);
		await expect(page.locator('main')).not.toContainText('ร่ม');
		if (probe.startsWith('/g/')) {
			expect(response?.status()).toBe(404);
			await expect(page.getByText('ไม่มีคำขอที่ลิงก์นี้')).toBeVisible();
		} else {
			await expect(page).toHaveURL(/\/login/);
		}
	}
	await Promise.all([context.close(), other.context.close(), crew.close()]);
});

test('an organizer takes a guest’s alert on from the board: the guest sees who is coming, the organizer what was asked', async ({
	browser
}) => {
	const code = await newCard(browser);
	const { context, page } = await guest(browser, 'en-GB');
	const note = `green cap ${word()}`;
	await askForHelp(page, code, 'I am lost', note, 'Send request');
	const request = await e2eDb().guestHelpRequest.findFirstOrThrow({ where: { card: { code }, note } });
	const alert = await e2eDb().alert.findFirstOrThrow({ where: { foldKey: `guest-help:${request.id}` } });

	const staff = await browser.newContext();
	const organizer = await staff.newPage();
	await signIn(organizer, demo.organizer);
	await open(organizer, '/organizer/patrols');
	const item = organizer.locator(`#alert-${alert.id}`);
	await unfoldAlertGroup(item);
	const link = item.getByRole('link', { name: 'See what the guest asked for' });
	await expect(link).toHaveAttribute('href', `/guests/${request.id}`);
	await item.getByRole('button', { name: 'I’m on it' }).click();

	// The guest's page changes by itself: the organizer is on the way.
	await expect(page.getByRole('heading', { name: 'Someone is coming' })).toBeVisible();
	await expect(page.getByText(/^Olivia\b.*on the way to you/)).toBeVisible();

	await item.getByRole('link', { name: 'See what the guest asked for' }).click();
	await expect(organizer).toHaveURL(new RegExp(`/guests/${request.id}$`));
	await expect(organizer.locator('main')).toContainText(note);
	await Promise.all([context.close(), staff.close()]);
});

test('a disabled card stops at once, and a card is limited to a few requests', async ({ browser }) => {
	const code = await newCard(browser);
	const { context, page } = await guest(browser, 'vi-VN');
	// GUEST_HELP_PER_CARD is 3 for these tests: the fourth request is refused, in Vietnamese.
	for (let i = 0; i < 3; i++) await askForHelp(page, code, 'Khác', `thử ${word()}`, 'Gửi yêu cầu');
	await open(page, `/g/${code}`);
	await page.getByLabel('Khác').check();
	await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(page.getByRole('alert')).toContainText('Có quá nhiều yêu cầu từ đây');
	await expect(page).toHaveURL(new RegExp(`/g/${code}`));

	const staff = await browser.newContext();
	const organizer = await staff.newPage();
	await signIn(organizer, demo.organizer);
	await open(organizer, '/organizer/guests');
	const row = organizer.locator('li', { has: organizer.locator('.code', { hasText: code }) });
	await row.getByRole('button', { name: 'Disable' }).click();
	await expect(row).toContainText('Disabled since');

	const response = await open(page, `/g/${code}`);
	expect(response?.status()).toBe(410);
	await expect(page.getByText('Thẻ này không còn được dùng')).toBeVisible();
	await expect(page.getByText('cảnh sát 110, cấp cứu 120')).toBeVisible();

	await row.getByRole('button', { name: 'Enable' }).click();
	await expect(row).not.toContainText('Disabled since');
	expect((await open(page, `/g/${code}`))?.status()).toBe(200);
	await Promise.all([context.close(), staff.close()]);
});

test('a lost wallet is matched with the one a volunteer found and handed over, and the guest sees it', async ({
	browser
}) => {
	const code = await newCard(browser);
	const mark = `zorb${word()}`;
	const { context, page } = await guest(browser, 'ms-MY');
	await askForHelp(page, code, 'Saya kehilangan barang', `black leather wallet ${mark}`, 'Hantar permintaan');
	await expect(page.getByText('Dilaporkan. Halaman ini akan memberitahu anda')).toBeVisible();

	const crew = await browser.newContext();
	const volunteer = await crew.newPage();
	await signIn(volunteer, GATE_LEAD);
	await open(volunteer, '/lost-found?kind=FOUND');
	await volunteer.getByRole('link', { name: 'Record an item' }).click();
	const form = volunteer.locator('main form');
	await expect(form.getByLabel('Found')).toBeChecked();
	await form.getByLabel('What is it?').fill(`wallet ${mark}, black`);
	await form.getByLabel('Where').fill('Café by the North Gate');
	await form.getByLabel(/Zone/).selectOption({ label: 'North Plaza' });
	await form.getByRole('button', { name: 'Record' }).click();
	await expect(volunteer.getByRole('heading', { name: 'Found' })).toBeVisible();
	const foundUrl = volunteer.url();

	await open(volunteer, '/lost-found?kind=LOST');
	await volunteer.getByRole('link', { name: new RegExp(mark) }).click();
	const suggestion = volunteer.locator('.suggestions li', { hasText: `wallet ${mark}` });
	await suggestion.getByRole('button', { name: 'This is it' }).click();
	await expect(volunteer.getByRole('heading', { name: 'Matched with' })).toBeVisible();
	await expect(page.getByText('Berita baik: barang yang mungkin milik anda telah dijumpai')).toBeVisible();

	await volunteer.getByRole('link', { name: 'Hand over the found item' }).click();
	await expect(volunteer).toHaveURL(foundUrl);
	await volunteer.getByLabel('Received by (name)').fill('Aminah binti Yusof');
	await volunteer.getByLabel('Described what is inside').check();
	await volunteer.getByLabel(/Details/).fill('Named the red card inside');
	await volunteer.getByRole('button', { name: 'Record the hand-over' }).click();
	await expect(volunteer.getByRole('heading', { name: 'Handed over' })).toBeVisible();
	await expect(volunteer.locator('main')).toContainText('Aminah binti Yusof');

	await expect(page.getByText(/Ia telah diserahkan kembali kepada pemiliknya pada/)).toBeVisible();
	await Promise.all([context.close(), crew.close()]);
});

test('phrase cards work with no signal, large in the guest’s language with Chinese and English beneath', async ({
	browser
}) => {
	const context = await browser.newContext({ serviceWorkers: 'allow' });
	const page = await context.newPage();
	await signIn(page, demo.volunteer);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

	await context.setOffline(true);
	await open(page, '/phrases#km');
	await expect(page.getByRole('heading', { name: 'Phrase cards' })).toBeVisible();
	const wait = page.locator('li', { hasText: 'Please wait here, help is coming.' });
	await expect(wait.locator('.big')).toHaveText('សូមរង់ចាំនៅទីនេះ ជំនួយកំពុងមក។');
	await expect(wait.locator('[lang="zh"]')).toHaveText('请在这里等一下，马上有人来帮您。');
	await expect(page.locator('li', { hasText: 'Emergency number' }).locator('.big')).toContainText('110');
	// Headless Chromium has no voices: the card says so instead of offering a button that is silent.
	await expect(page.getByText('This phone has no voice for this language')).toBeVisible();
	await page.getByRole('button', { name: 'မြန်မာ' }).click();
	await expect(wait.locator('.big')).toHaveText('ဒီမှာ စောင့်ပေးပါ၊ အကူအညီ လာနေပါပြီ။');
	await expect(page).toHaveURL(/#my$/);
	const cdp = await context.newCDPSession(page);
	await expectDrawnWith(page, cdp, /\p{Script=Myanmar}/u, 'Noto Sans Myanmar');
	await context.close();
});

/**
 * Every element whose own text holds `script` is drawn with `family` (the served font's own
 * name, which CSS calls "Redband <script>") for it: the system's fonts
 * (which lack the script on this machine) draw at most as many glyphs as there are other
 * characters (spaces, digits, punctuation), so no character of the script became a box.
 */
async function expectDrawnWith(page: Page, cdp: CDPSession, script: RegExp, family: string) {
	await page.evaluate(() => document.fonts.ready);
	const counts = await page.evaluate((source) => {
		const pattern = new RegExp(source, 'u');
		const found: { text: string; inScript: number; other: number }[] = [];
		let index = 0;
		for (const element of document.querySelectorAll('body *')) {
			const own = [...element.childNodes]
				.filter((node) => node.nodeType === Node.TEXT_NODE)
				.map((node) => node.textContent ?? '')
				.join('');
			if (!pattern.test(own) || !element.checkVisibility()) continue;
			// DevTools reports the fonts of the element's whole text (inline children included);
			// white space collapses to one space per run, which the system's font may draw.
			const chars = [...(element as HTMLElement).innerText.replace(/\s+/g, ' ')];
			const inScript = chars.filter((char) => pattern.test(char)).length;
			element.setAttribute('data-glyph-check', String(index++));
			found.push({ text: own.trim(), inScript, other: chars.length - inScript });
		}
		return found;
	}, script.source);
	expect(counts.length).toBeGreaterThan(0);
	const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
	await cdp.send('CSS.enable');
	const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
		nodeId: root.nodeId,
		selector: '[data-glyph-check]'
	});
	expect(nodeIds).toHaveLength(counts.length);
	for (const nodeId of nodeIds) {
		const { node } = await cdp.send('DOM.describeNode', { nodeId });
		const index = Number(node.attributes?.[node.attributes.indexOf('data-glyph-check') + 1]);
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		const ours = fonts.filter((font) => font.familyName === family && font.isCustomFont);
		const system = fonts.filter((font) => !font.isCustomFont);
		const label = `${family} for "${counts[index].text}": ${JSON.stringify(fonts)}`;
		expect(ours.length, label).toBe(1);
		expect(
			system.reduce((sum, font) => sum + font.glyphCount, 0),
			label
		).toBeLessThanOrEqual(counts[index].other);
	}
}

/** Nothing sticks out past the phone's edge, and nothing inside is cut off sideways. */
async function expectFits(page: Page) {
	await expectNoSidewaysScroll(page);
	const outside = await page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((element) => {
				const box = element.getBoundingClientRect();
				return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
			})
			.map((element) => element.outerHTML.slice(0, 80))
	);
	expect(outside).toEqual([]);
}

const SCRIPTS = [
	{
		locale: 'th-TH',
		lang: 'th',
		script: /\p{Script=Thai}/u,
		family: 'Noto Sans Thai',
		kind: 'ฉันหลงทาง',
		send: 'ส่งคำขอ'
	},
	{
		locale: 'km-KH',
		lang: 'km',
		script: /\p{Script=Khmer}/u,
		family: 'Noto Sans Khmer',
		kind: 'ខ្ញុំវង្វេងផ្លូវ',
		send: 'ផ្ញើសំណើ'
	},
	{
		locale: 'my-MM',
		lang: 'my',
		script: /\p{Script=Myanmar}/u,
		family: 'Noto Sans Myanmar',
		kind: 'လမ်းပျောက်နေပါသည်',
		send: 'တောင်းဆိုချက် ပို့ရန်'
	}
];

for (const { locale, lang, script, family, kind, send } of SCRIPTS) {
	test(`guest pages in ${lang} at 360 px draw every character with a font that has it, and fit`, async ({
		browser
	}, testInfo) => {
		const code = await newCard(browser);
		const { context, page } = await guest(browser, locale);
		const cdp = await context.newCDPSession(page);
		await open(page, `/g/${code}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await page.locator('details.language-box summary').click();
		await expectDrawnWith(page, cdp, script, family);
		await expectFits(page);
		await page.screenshot({ path: testInfo.outputPath(`card-${lang}.png`), fullPage: true });

		await askForHelp(page, code, kind, `${lang} ${word()}`, send);
		await expectDrawnWith(page, cdp, script, family);
		await expectFits(page);
		await page.screenshot({ path: testInfo.outputPath(`request-${lang}.png`), fullPage: true });
		await context.close();
	});
}
