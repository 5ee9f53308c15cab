// Words stay whole and status lines say one thing, on the narrowest phone (360 px) and in every
// interface language: the rough edges a volunteer and an organizer hit in issue 15.
import { expect, test } from '@playwright/test';
import { patrolVolunteer } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, expectWordsWhole, open, signIn } from './support';

const navLabels = '.bottom-nav a span';

for (const locale of ['en', 'zh', 'th', 'vi']) {
	test(`the bottom navigation keeps every label whole in ${locale}, for each role and on the busiest pages`, async ({
		page,
		context
	}) => {
		for (const [email, paths] of [
			[demo.organizer, ['/organizer', '/organizer/patrols', '/organizer/volunteers']],
			[demo.volunteer, ['/home', '/patrol']],
			[demo.logistics, ['/logistics']]
		] as const) {
			await signIn(page, email);
			// The language a person chose (the switcher's cookie).
			await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: page.url() }]);
			for (const path of paths) {
				await open(page, path);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expectWordsWhole(page.locator(navLabels));
				// The patrol screens' tabs ("Spot checks", "Field reports") too.
				if (path === '/organizer/patrols') await expectWordsWhole(page.locator('nav.tabs a'));
				await expectNoSidewaysScroll(page);
			}
			// "Sign out" in whichever language.
			await page.locator('form[action="/logout"] button').click();
			await expect(page).toHaveURL(/\/login$/);
			await context.clearCookies({ name: 'PARAGLIDE_LOCALE' });
		}
	});
}

test('the outbox says "nothing waiting" before anything was sent, never "everything sent, not synced"', async ({
	page
}) => {
	const person = await patrolVolunteer('status');
	await signIn(page, person.email);
	// The report screen reads nothing from the server: the phone has never synced.
	await open(page, '/patrol/report');
	const status = page.getByRole('region', { name: 'Sending status' }).getByRole('status');
	await expect(status).toContainText('Nothing waiting to send');
	await expect(status).not.toContainText('Not synced yet');
	await expect(status).not.toContainText('Everything sent');
	// Once something reached the server: everything sent, and when.
	await open(page, '/patrol');
	await page.getByRole('button', { name: 'Start shift' }).click();
	await expect(status).toContainText(/Everything sent\s*Last synced \d\d:\d\d/);
});
