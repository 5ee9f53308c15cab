import { expect, test } from '@playwright/test';
import { e2eDb, patrolVolunteer } from './patrol-fixtures';
import { demo, expectNoSidewaysScroll, open, signIn, signOut, unfoldAlertGroup } from './support';

// Issue 12, end to end at 360 px: an organizer takes on, assigns and resolves an alert on the
// coverage board, and a shift's leader marks someone present by hand on the attendance sheet.
test('an organizer handles an alert on the coverage board at 360 px', async ({ page }) => {
	const db = e2eDb();
	const person = await patrolVolunteer('alerted');
	const alert = await db.alert.create({
		data: {
			operationId: person.shift.operationId,
			kind: 'MISSING',
			foldKey: `missing:${person.assignment.id}`,
			openKey: `missing:${person.assignment.id}`,
			subjectUserId: person.user.id,
			assignmentId: person.assignment.id,
			shiftId: person.shift.id
		}
	});
	await signIn(page, demo.organizer);
	await open(page, '/organizer/patrols');
	const item = page.locator(`#alert-${alert.id}`);
	// Alerts of one kind fold away when there are many (the demo has several missing people).
	await unfoldAlertGroup(item);
	await item.scrollIntoViewIfNeeded();
	await item.getByRole('button', { name: 'I’m on it' }).click();
	await expect
		.poll(async () => (await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status)
		.toBe('ACKNOWLEDGED');

	await item.locator('summary', { hasText: 'Assign' }).click();
	await item.getByLabel('Assign to').selectOption({ label: 'Olivia Organizer' });
	await item.getByRole('button', { name: 'Assign', exact: true }).click();
	const organizer = await db.user.findUniqueOrThrow({ where: { email: demo.organizer } });
	await expect
		.poll(async () => (await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).assignedToId)
		.toBe(organizer.id);

	await item.locator('summary', { hasText: 'Resolve' }).click();
	await item.getByRole('button', { name: 'Resolve with this note' }).click();
	await expect(item.locator('.error')).toBeVisible();
	await item.getByLabel('What was done?').fill('Called them: stuck on the bus, starting in 10 min.');
	await item.getByRole('button', { name: 'Resolve with this note' }).click();
	await expect(page.locator(`#alert-${alert.id}`)).toHaveCount(0);
	const resolved = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
	expect(resolved.status).toBe('RESOLVED');
	expect(resolved.resolutionNote).toContain('stuck on the bus');
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: 'test-results/coverage-board-360.png', fullPage: true });
});

test('a shift leader marks someone present on the attendance sheet at 360 px', async ({ page }) => {
	const db = e2eDb();
	const leader = await patrolVolunteer('leader');
	const person = await patrolVolunteer('nophone');
	// The leader leads the second person's shift.
	await db.shift.update({ where: { id: person.shift.id }, data: { leaderId: leader.user.id } });

	await signIn(page, leader.email);
	await open(page, '/patrol/team');
	await page.getByRole('link', { name: 'Attendance sheet' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Attendance' })).toBeVisible();
	const row = page.locator(`#person-${person.assignment.id}`);
	await expect(row.getByText('Missing')).toBeVisible();
	await row.locator('summary', { hasText: 'Mark' }).click();
	await row.getByLabel('Present').check();
	await row.getByLabel('Reason').fill('No phone today; walked with me.');
	await row.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Attendance saved.')).toBeVisible();
	await expect(row.locator('.badge', { hasText: 'Present' })).toBeVisible();
	await expect(row.getByText(/marked by hand/)).toBeVisible();
	const mark = await db.attendanceMark.findUniqueOrThrow({ where: { assignmentId: person.assignment.id } });
	expect(mark.kind).toBe('PRESENT');
	expect(mark.markedById).toBe(leader.user.id);
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: 'test-results/attendance-sheet-360.png', fullPage: true });

	// Someone else's sheet is not theirs to see.
	const other = await patrolVolunteer('stranger');
	const response = await open(page, `/patrol/team/${other.shift.id}/attendance`);
	expect(response?.status()).toBe(404);
	await signOut(page);
});

test('a shift leader sends someone to a blind spot of the route from the team view', async ({ page }) => {
	const db = e2eDb();
	const leader = await patrolVolunteer('blindspot');
	await db.shift.update({ where: { id: leader.shift.id }, data: { leaderId: leader.user.id } });
	// At least one checkpoint of the loop nobody has walked past since the operation began; the
	// list shows the longest-unwalked first (other tests walk some of the loop).
	const route = leader.shift.routeId!;
	const last = await db.checkpoint.findFirstOrThrow({
		where: { routeId: route },
		orderBy: { position: 'desc' }
	});
	await db.checkpoint.update({ where: { id: last.id }, data: { lastVisitAt: null } });
	await signIn(page, leader.email);
	await open(page, '/patrol/team');
	const send = page.getByRole('button', { name: /^Send someone to North Loop/ }).first();
	const checkpointName = (await send.getAttribute('aria-label'))!.replace('Send someone to ', '');
	await send.click();
	await expect(
		page.getByText(/Sent: the nearest patroller has it|Nobody is on patrol nearby/).first()
	).toBeVisible();
	const alert = await db.alert.findFirstOrThrow({
		where: { kind: 'BLIND_SPOT', raisedById: leader.user.id }
	});
	const checkpoint = await db.checkpoint.findUniqueOrThrow({ where: { id: alert.checkpointId! } });
	expect(checkpoint).toMatchObject({ name: checkpointName, routeId: route });
	expect(['OPEN', 'ACKNOWLEDGED']).toContain(alert.status);
	await expectNoSidewaysScroll(page);
	await signOut(page);
});
