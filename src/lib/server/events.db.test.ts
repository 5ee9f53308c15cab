import { describe, expect, it } from 'vitest';
import { db } from './db';
import { emit, markFailed, markHandled, pendingEvents } from './events';

describe('the outbox', () => {
	it('keeps an event only when its transaction commits', async () => {
		await db.$transaction(async (tx) => {
			await emit(tx, 'shift.assigned', { shiftId: 's-commit', userId: 'u1', actorId: null });
		});
		await expect(
			db.$transaction(async (tx) => {
				await emit(tx, 'shift.assigned', { shiftId: 's-rollback', userId: 'u1', actorId: null });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');

		const pending = await pendingEvents(db);
		const shiftIds = pending.map((event) => (event.payload as { shiftId: string }).shiftId);
		expect(shiftIds).toContain('s-commit');
		expect(shiftIds).not.toContain('s-rollback');
	});

	it('hands events out oldest first, records failures and forgets handled ones', async () => {
		await emit(db, 'shift.waitlisted', { shiftId: 'order-1', userId: 'u' });
		await new Promise((resolve) => setTimeout(resolve, 5));
		await emit(db, 'shift.promoted', { shiftId: 'order-2', userId: 'u' });
		const ours = (await pendingEvents(db)).filter((event) =>
			(event.payload as { shiftId: string }).shiftId.startsWith('order-')
		);
		expect(ours.map((event) => event.topic)).toEqual(['shift.waitlisted', 'shift.promoted']);

		await markFailed(db, ours[0].id, new Error('push service down'));
		await markHandled(db, ours[1].id);
		const after = await pendingEvents(db);
		expect(after.find((event) => event.id === ours[0].id)?.attempts).toBe(1);
		expect(after.find((event) => event.id === ours[1].id)).toBeUndefined();
	});
});
