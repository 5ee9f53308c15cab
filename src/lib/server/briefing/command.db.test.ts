import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { slotStart } from '$lib/server/pods/bookings';
import { makeAlert } from '$test/alert-factories';
import { assign, makeOperation, makeShift, makeUser, unique } from '$test/factories';
import { makeItem, makePod, makePost } from '$test/logistics-factories';
import { moveStock } from '../logistics/ledger';
import { guestLimits } from '../guests/limits';
import { computeCommandView, wallView } from './command';
import { createWallLink, revokeWallLink, wallByToken } from './wall';

const MINUTE = 60_000;

describe(`the command view on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('shows on duty against plan, gaps, open items by age, stock running out, full pods and broadcasts', async () => {
		const now = new Date();
		const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
		const operation = await makeOperation();
		const zone = await db.zone.create({ data: { operationId: operation.id, name: unique('Hall ') } });
		const gate = await db.post.create({
			data: { operationId: operation.id, name: unique('Gate '), zoneId: zone.id }
		});
		const staff = await makeUser({ role: 'LOGISTICS' });

		// Running since 30 minutes: 3 places, one person present, one not started, one place empty.
		const running = await makeShift(operation.id, { postId: gate.id, startsAt: ago(30), headcount: 3 });
		const present = await makeUser();
		const absent = await makeUser({ name: 'Absent Person' });
		await db.assignment.create({ data: { shiftId: running.id, userId: present.id, status: 'PRESENT' } });
		const missing = await assign(running.id, absent.id);
		// Starting in an hour with 2 places and nobody on it; one starting in 5 hours does not count.
		await makeShift(operation.id, {
			postId: gate.id,
			startsAt: new Date(now.getTime() + 60 * MINUTE),
			headcount: 2
		});
		await makeShift(operation.id, {
			postId: gate.id,
			startsAt: new Date(now.getTime() + 300 * MINUTE),
			headcount: 2
		});

		await makeAlert({
			kind: 'MISSING',
			operationId: operation.id,
			shiftId: running.id,
			assignmentId: missing.id,
			subjectUserId: absent.id,
			raisedAt: ago(20)
		});
		const report = (status: 'NEW' | 'ACKNOWLEDGED' | 'RESOLVED', minutesAgo: number) =>
			db.fieldReport.create({
				data: {
					id: unique('r'),
					operationId: operation.id,
					userId: present.id,
					category: 'CROWD',
					severity: 'HIGH',
					text: 'Crowd',
					status,
					happenedAt: ago(minutesAgo),
					phoneTime: ago(minutesAgo),
					receivedAt: ago(minutesAgo)
				}
			});
		await report('NEW', 70);
		await report('ACKNOWLEDGED', 5);
		await report('RESOLVED', 30);

		// 10 bottles left after 15 went in the last three hours: 5 an hour, 2 hours left.
		const depot = await makePost(operation.id, 'DEPOT');
		const water = await makeItem(operation.id, 'BOTTLE', 'Water');
		const base = { operationId: operation.id, itemId: water.id };
		await moveStock(
			staff,
			{ ...base, kind: 'RECEIVED', toPostId: depot.id, quantity: 25 },
			undefined,
			ago(200)
		);
		await moveStock(
			staff,
			{ ...base, kind: 'ISSUED', fromPostId: depot.id, quantity: 15 },
			undefined,
			ago(60)
		);
		// Plenty of coffee, hardly used: not running out.
		const coffee = await makeItem(operation.id, 'CUP', 'Coffee');
		await moveStock(staff, {
			...base,
			itemId: coffee.id,
			kind: 'RECEIVED',
			toPostId: depot.id,
			quantity: 500
		});
		await moveStock(staff, { ...base, itemId: coffee.id, kind: 'ISSUED', fromPostId: depot.id, quantity: 3 });

		const pod = await makePod(operation.id, 1);
		const slot = slotStart(now, pod.slotMinutes);
		await db.podBooking.create({
			data: {
				podId: pod.id,
				userId: present.id,
				startsAt: slot,
				endsAt: new Date(slot.getTime() + pod.slotMinutes * MINUTE),
				place: 1,
				status: 'CHECKED_IN',
				placeKey: unique('p'),
				activeKey: unique('a')
			}
		});
		await makePod(operation.id, 4);

		const broadcast = await db.broadcast.create({
			data: {
				operationId: operation.id,
				title: 'Ack please',
				body: 'b',
				audience: '{}',
				requireAck: true,
				recipientCount: 2
			}
		});
		for (const [userId, acknowledgedAt] of [
			[present.id, new Date()],
			[absent.id, null]
		] as const) {
			await db.notice.create({
				data: { userId, kind: 'broadcast', title: 't', body: 'b', broadcastId: broadcast.id, acknowledgedAt }
			});
		}

		const view = await computeCommandView(operation.id, now);
		expect(view.zones).toEqual([{ id: zone.id, name: zone.name, planned: 3, placed: 2, onDuty: 1 }]);
		expect(view.gaps.places).toBe(2);
		expect(view.gaps.startingSoon).toHaveLength(1);
		expect(view.gaps.notStarted.map((row) => row.name)).toEqual(['Absent Person']);
		expect(view.alerts.open.map((a) => [a.kind, a.ageMinutes])).toEqual([['MISSING', 20]]);
		expect(view.alerts.byAge).toEqual({ fresh: 0, waiting: 1, old: 0 });
		expect(view.reports.byAge).toEqual({ fresh: 1, waiting: 0, old: 1 });
		expect(view.stock).toEqual([
			expect.objectContaining({ item: 'Water', location: depot.name, quantity: 10, perHour: 5, hoursLeft: 2 })
		]);
		expect(view.pods.map((p) => p.id)).toEqual([pod.id]);
		expect(view.broadcasts).toEqual([
			expect.objectContaining({ id: broadcast.id, waiting: 1, recipients: 2 })
		]);

		const wall = JSON.stringify(wallView(view));
		expect(wall).not.toContain('Absent Person');
		expect(wall).toContain(gate.name);
	});

	it('answers 429 to an address that keeps trying wall links that do not open, and still opens for others', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const { token } = await createWallLink(organizer.id, { operationId: operation.id, label: 'Hall' });
		const revoked = await createWallLink(organizer.id, { operationId: operation.id, label: 'Old' });
		await revokeWallLink(organizer.id, { operationId: operation.id, id: revoked.id });
		const prober = unique('address-');
		const { max } = guestLimits().missesPerAddress;
		for (let i = 0; i < max; i++) {
			// Unknown tokens and a revoked one count alike.
			const guess = i % 2 ? revoked.token : `${unique('guess')}${'x'.repeat(20)}`;
			expect(await wallByToken(guess, prober)).toBeNull();
		}
		await expect(wallByToken(token, prober)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		expect(await wallByToken(token, unique('address-'))).toMatchObject({ operation: { id: operation.id } });
	});

	it('opens a wall with its link until the link is revoked, and stores only the token’s hash', async () => {
		const operation = await makeOperation();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const { id, token } = await createWallLink(organizer.id, {
			operationId: operation.id,
			label: 'Command post'
		});
		expect(token.length).toBeGreaterThanOrEqual(40);
		expect(await db.wallLink.count({ where: { tokenHash: token } })).toBe(0);
		expect(await wallByToken(token, unique('address-'))).toMatchObject({
			linkId: id,
			operation: { id: operation.id }
		});
		expect(
			await wallByToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), unique('address-'))
		).toBeNull();

		const other = await makeOperation();
		await expect(revokeWallLink(organizer.id, { operationId: other.id, id })).rejects.toMatchObject({
			status: 404
		});
		expect(await wallByToken(token, unique('address-'))).not.toBeNull();
		await revokeWallLink(organizer.id, { operationId: operation.id, id });
		expect(await wallByToken(token, unique('address-'))).toBeNull();
		const actions = await db.auditEntry.findMany({ where: { subjectId: id }, orderBy: { createdAt: 'asc' } });
		expect(actions.map((entry) => [entry.action, entry.operationId])).toEqual([
			['wall.created', operation.id],
			['wall.revoked', operation.id]
		]);
		await expect(
			createWallLink(organizer.id, { operationId: operation.id, label: ' ' })
		).rejects.toMatchObject({
			code: 'wall_label_invalid'
		});
	});
});
