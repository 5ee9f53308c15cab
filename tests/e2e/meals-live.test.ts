// A meal ticked in one tab (or on another leader's phone) shows in every open tick list of that
// shift without a reload.
import { expect, test } from '@playwright/test';
import { e2eDb } from './patrol-fixtures';
import { open, signIn, uniqueEmail } from './support';

async function personOn(operationId: string, name: string, passwordHash: string) {
	return e2eDb().user.create({
		data: {
			email: uniqueEmail('meals'),
			name,
			passwordHash,
			role: 'VOLUNTEER',
			status: 'ACTIVE',
			profile: { create: {} },
			memberships: { create: { operationId } }
		}
	});
}

test('a meal served in one tab shows at once in the other tab’s list', async ({ context }) => {
	const db = e2eDb();
	const demo = await db.user.findUniqueOrThrow({ where: { email: 'volunteer@redband.demo' } });
	const gate = await db.post.findFirstOrThrow({ where: { name: 'North Gate' } });
	const label = Date.now().toString(36);
	const [leader, crew] = await Promise.all([
		personOn(gate.operationId, `Leader ${label}`, demo.passwordHash),
		personOn(gate.operationId, `Eater ${label}`, demo.passwordHash)
	]);
	const shift = await db.shift.create({
		data: {
			operationId: gate.operationId,
			postId: gate.id,
			startsAt: new Date(Date.now() - 30 * 60_000),
			endsAt: new Date(Date.now() + 3 * 60 * 60_000),
			headcount: 2,
			leaderId: leader.id,
			assignments: { create: [{ userId: leader.id }, { userId: crew.id }] }
		}
	});

	const first = await context.newPage();
	await signIn(first, leader.email);
	await open(first, `/meals/${shift.id}`);
	const second = await context.newPage();
	await open(second, `/meals/${shift.id}`);
	const row = second.getByRole('listitem').filter({ hasText: crew.name });
	await expect(row.getByRole('button', { name: `Serve ${crew.name}` })).toBeVisible();
	// The second tab listens before the first serves.
	await second.waitForTimeout(1500);

	await first.getByRole('button', { name: `Serve ${crew.name}` }).click();
	await expect(first.getByText(`Meal served to ${crew.name}.`)).toBeVisible();
	await expect(row).toContainText('served', { timeout: 10_000 });
	await expect(row.getByRole('button')).toHaveCount(0);
});
