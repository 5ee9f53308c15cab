// Accessibility: axe-core on every page of every role, on the phone (360 px) and the tablet
// (768 px) projects. No serious or critical violation is allowed (WCAG 2.1 A and AA: contrast,
// names, labels, structure). Keyboard use and the patrol controls' names are checked beside it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eDb, patrolVolunteer } from './patrol-fixtures';
import { demo, open, signIn, uniqueEmail } from './support';

/** The pages a role reaches, with real ids from the demo operation. */
async function pagesOf(role: 'anonymous' | 'volunteer' | 'logistics' | 'organizer') {
	const db = e2eDb();
	const operation = await db.operation.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
	switch (role) {
		case 'anonymous': {
			const card = await db.guestCard.findFirst({ where: { disabledAt: null } });
			return ['/login', '/signup', '/help', '/offline', '/phrases', ...(card ? [`/g/${card.code}`] : [])];
		}
		case 'volunteer': {
			const me = await db.user.findUniqueOrThrow({ where: { email: demo.volunteer } });
			const assignment = await db.assignment.findFirst({
				where: { userId: me.id },
				orderBy: { createdAt: 'asc' }
			});
			const notice = await db.notice.findFirst({ where: { userId: me.id } });
			const item = await db.lostFoundItem.findFirst({ where: { operationId: operation.id } });
			const help = await db.guestHelpRequest.findFirst({ where: { operationId: operation.id } });
			return [
				'/home',
				'/shifts',
				...(assignment ? [`/shifts/${assignment.shiftId}`] : []),
				'/patrol',
				'/patrol/report',
				'/patrol/team',
				'/guests',
				...(help ? [`/guests/${help.id}`] : []),
				'/lost-found',
				'/lost-found/new',
				...(item ? [`/lost-found/${item.id}`] : []),
				'/supplies',
				'/meals',
				'/pods',
				'/inbox',
				...(notice ? [`/inbox/${notice.id}`] : []),
				'/account',
				'/account/profile',
				'/account/notifications',
				'/badge',
				'/service'
			];
		}
		case 'logistics': {
			const pod = await db.pod.findFirst({ where: { operationId: operation.id } });
			return [
				'/logistics',
				'/logistics/stock',
				'/logistics/items',
				'/logistics/requests',
				'/logistics/fresh',
				'/logistics/pods',
				...(pod ? [`/logistics/pods/${pod.id}`] : []),
				'/logistics/report'
			];
		}
		case 'organizer': {
			const route = await db.route.findFirstOrThrow({ where: { operationId: operation.id } });
			const zone = await db.zone.findFirstOrThrow({ where: { operationId: operation.id } });
			const shift = await db.shift.findFirstOrThrow({ where: { operationId: operation.id } });
			const volunteer = await db.user.findUniqueOrThrow({ where: { email: demo.volunteer } });
			const report = await db.fieldReport.findFirst({ where: { operationId: operation.id } });
			const broadcast = await db.broadcast.findFirst({ where: { operationId: operation.id } });
			return [
				'/organizer',
				'/organizer/operations',
				`/organizer/operations/${operation.id}`,
				`/organizer/routes/${route.id}`,
				`/organizer/zones/${zone.id}/card`,
				'/organizer/volunteers',
				`/organizer/volunteers/${volunteer.id}`,
				'/organizer/volunteers/import',
				'/organizer/shifts',
				`/organizer/shifts/${shift.id}`,
				'/organizer/shifts/new',
				'/organizer/shifts/bulk',
				'/organizer/shifts/fill',
				'/organizer/shifts/requests',
				'/organizer/patrols',
				'/organizer/patrols/reports',
				...(report ? [`/organizer/patrols/reports/${report.id}`] : []),
				'/organizer/broadcasts',
				'/organizer/broadcasts/new',
				...(broadcast ? [`/organizer/broadcasts/${broadcast.id}`] : []),
				'/organizer/command',
				'/organizer/briefing',
				'/organizer/audit',
				'/organizer/guests',
				'/organizer/meals',
				`/organizer/thanks?shift=${shift.id}`
			];
		}
	}
}

interface Finding {
	page: string;
	rule: string;
	impact: string;
	help: string;
	targets: string[];
}

async function audit(page: Page, path: string): Promise<Finding[]> {
	const response = await open(page, path);
	expect(response?.status(), path).toBeLessThan(400);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		// Leaflet's map tiles are images from a tile server that is not reachable here.
		.exclude('.leaflet-tile-pane')
		.analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => ({
			page: path,
			rule: violation.id,
			impact: violation.impact!,
			help: violation.help,
			targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' '))
		}));
}

// The organizer's many pages in two halves, so that two workers share them.
const runs = [
	['anonymous', null, 0, Infinity],
	['volunteer', demo.volunteer, 0, Infinity],
	['logistics', demo.logistics, 0, Infinity],
	['organizer', demo.organizer, 0, 13],
	['organizer', demo.organizer, 13, Infinity]
] as const;

for (const [role, email, from, to] of runs) {
	const part = from === 0 && to === Infinity ? '' : ` (pages ${from + 1}–${to === Infinity ? 'end' : to})`;
	test(`every page of the ${role} role${part} has no serious or critical axe violation`, async ({ page }) => {
		test.setTimeout(300_000);
		if (email) await signIn(page, email);
		const findings: Finding[] = [];
		for (const path of (await pagesOf(role)).slice(from, to)) findings.push(...(await audit(page, path)));
		expect(findings).toEqual([]);
	});
}

/**
 * The pages opened by a secret link or for one record: made here as their users make them (an
 * organizer makes the wall and sign-in links, a guest sends a request from a card), or from data
 * a person would have (a shift they lead, an operation they served in that has ended).
 */
async function tokenPages(browser: Browser) {
	const db = e2eDb();
	const operation = await db.operation.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
	const demoVolunteer = await db.user.findUniqueOrThrow({ where: { email: demo.volunteer } });
	const gate = await db.post.findFirstOrThrow({ where: { operationId: operation.id, name: 'North Gate' } });
	const stamp = Date.now().toString(36);
	const person = (name: string, signedUp: boolean) =>
		db.user.create({
			data: {
				email: uniqueEmail('a11y'),
				name: `${name} ${stamp}`,
				// The demo password's hash: signs in with the demo password. An imported account has
				// never chosen one, and gets a sign-in link.
				passwordHash: demoVolunteer.passwordHash,
				passwordSetAt: signedUp ? new Date() : null,
				role: 'VOLUNTEER',
				status: 'ACTIVE',
				profile: { create: {} },
				memberships: { create: { operationId: operation.id } }
			}
		});
	const [leader, crew, imported] = [
		await person('Leader', true),
		await person('Crew', true),
		await person('Imported', false)
	];
	const HOUR = 3_600_000;
	const shift = await db.shift.create({
		data: {
			operationId: operation.id,
			postId: gate.id,
			startsAt: new Date(Date.now() - HOUR),
			endsAt: new Date(Date.now() + 3 * HOUR),
			headcount: 2,
			leaderId: leader.id,
			assignments: { create: [{ userId: leader.id }, { userId: crew.id }] }
		}
	});
	const past = await db.operation.create({
		data: {
			name: `Lantern Night ${stamp}`,
			timezone: operation.timezone,
			startsAt: new Date(Date.now() - 40 * 24 * HOUR),
			endsAt: new Date(Date.now() - 38 * 24 * HOUR),
			members: { create: { userId: leader.id } },
			shifts: {
				create: {
					startsAt: new Date(Date.now() - 39 * 24 * HOUR),
					endsAt: new Date(Date.now() - 39 * 24 * HOUR + 4 * HOUR),
					headcount: 1,
					title: 'Lantern walk',
					assignments: { create: { userId: leader.id, status: 'PRESENT' } }
				}
			}
		}
	});

	const organizerContext = await browser.newContext();
	const organizer = await organizerContext.newPage();
	await signIn(organizer, demo.organizer);
	await open(organizer, '/organizer/command');
	await organizer.getByLabel('Screen name').fill(`Wall ${stamp}`);
	await organizer.getByRole('button', { name: 'Make a wall link' }).click();
	const wall = (await organizer.locator('a.wall-link').getAttribute('href'))!;
	await open(organizer, `/organizer/volunteers/${imported.id}`);
	await organizer.getByRole('button', { name: 'Make a sign-in link' }).click();
	const welcome = await organizer.getByLabel(`Link for ${imported.name}`).inputValue();
	await organizerContext.close();

	const guestContext = await browser.newContext();
	const guest = await guestContext.newPage();
	const card = await db.guestCard.findFirstOrThrow({
		where: { disabledAt: null, operationId: operation.id }
	});
	await open(guest, `/g/${card.code}`);
	await guest.locator('input[name=kind]').first().check();
	await guest.locator('#note').fill(`Blue umbrella ${stamp}`);
	await guest.getByRole('button', { name: 'Send request' }).click();
	await expect(guest).toHaveURL(/\/g\/r\/[\w-]{43}$/);
	const request = new URL(guest.url()).pathname;
	await guestContext.close();

	return {
		anonymous: [new URL(wall).pathname, new URL(welcome).pathname, request],
		leader: { email: leader.email, pages: [`/meals/${shift.id}`, `/service/${past.id}/certificate`] }
	};
}

test('the pages behind a link or for one record have no serious or critical axe violation', async ({
	browser,
	page
}) => {
	test.setTimeout(300_000);
	const pages = await tokenPages(browser);
	const findings: Finding[] = [];
	for (const path of pages.anonymous) findings.push(...(await audit(page, path)));
	await signIn(page, pages.leader.email);
	for (const path of pages.leader.pages) findings.push(...(await audit(page, path)));
	expect(findings).toEqual([]);
});

test('the patrol controls have names a screen reader says, and work from the keyboard', async ({ page }) => {
	const person = await patrolVolunteer('a11y');
	await signIn(page, person.email);
	await open(page, '/patrol');
	const start = page.getByRole('button', { name: 'Start shift' });
	await start.focus();
	await expect(start).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
	// The start has reached the server. Opened afresh from the server's state: the screen's own
	// redraw after the answer can briefly show "Start shift" again (a patrol-state race that issue
	// 15's patrol fixes handle; this test is about names and keys).
	await expect(page.getByText('Everything sent')).toBeVisible();
	await open(page, '/patrol');
	await expect(page.getByText('On patrol', { exact: true })).toBeVisible();
	for (const name of ['Scan checkpoint QR', 'Check in']) {
		await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	}
	const code = page.getByRole('textbox', { name: 'Or type the checkpoint code' });
	await code.focus();
	await page.keyboard.type('NL1');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('list', { name: 'Check-ins' }).getByText('North Loop 1')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Sending status' })).toBeVisible();
	// Ending the shift, by keyboard: the fold opens with Enter, the note and the button follow.
	const end = page.locator('summary', { hasText: 'End shift' });
	await end.focus();
	await expect(end).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: /Handover note/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'End my shift' })).toBeVisible();
});

test('every control on the main screens can be reached with Tab, and shows where the focus is', async ({
	page
}) => {
	test.setTimeout(180_000);
	const person = await patrolVolunteer('keyboard');
	const screens: [string | null, string][] = [
		[null, '/login'],
		[person.email, '/patrol'],
		[person.email, '/patrol/report'],
		[person.email, '/shifts']
	];
	const problems: string[] = [];
	let signedIn: string | null = null;
	for (const [email, path] of screens) {
		if (email && signedIn !== email) {
			await signIn(page, email);
			signedIn = email;
		}
		await open(page, path);
		// Every visible control, in the order Tab should reach it.
		const controls = await page.evaluate(() => {
			const selector =
				'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary';
			return (
				[...document.querySelectorAll<HTMLElement>(selector)]
					.filter((element) => {
						const box = element.getBoundingClientRect();
						const style = getComputedStyle(element);
						return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && element.tabIndex >= 0;
					})
					// A radio group is one stop for Tab (the arrow keys move inside it): its first radio stands
					// for the group, and reaching any of them counts.
					.filter(
						(element) =>
							!(element instanceof HTMLInputElement && element.type === 'radio') ||
							document.querySelector(`input[type=radio][name="${element.name}"]`) === element
					)
					.map((element, index) => {
						element.dataset.a11yControl = String(index);
						if (element instanceof HTMLInputElement && element.type === 'radio') {
							for (const radio of document.querySelectorAll<HTMLElement>(
								`input[type=radio][name="${element.name}"]`
							))
								radio.dataset.a11yControl = String(index);
						}
						return index;
					})
			);
		});
		const reached = new Set<number>();
		for (let i = 0; i < controls.length + 5 && reached.size < controls.length; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const element = document.activeElement as HTMLElement | null;
				if (!element || element === document.body) return null;
				const style = getComputedStyle(element);
				const visible =
					(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
				return { index: element.dataset.a11yControl, visible, label: element.outerHTML.slice(0, 80) };
			});
			if (!focused?.index) continue;
			reached.add(Number(focused.index));
			if (!focused.visible) problems.push(`${path}: no visible focus on ${focused.label}`);
		}
		const missed = controls.filter((index) => !reached.has(index));
		if (missed.length) {
			const labels = await page.evaluate(
				(indexes) =>
					indexes.map(
						(index) => document.querySelector(`[data-a11y-control="${index}"]`)?.outerHTML.slice(0, 80) ?? ''
					),
				missed
			);
			problems.push(`${path}: Tab never reaches ${labels.join(', ')}`);
		}
	}
	expect(problems).toEqual([]);
});
