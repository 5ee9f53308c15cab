// The reminder before a shift starts, `Operation.reminderMinutes` ahead (0 turns it off). Sent once
// per assignment: the job claims the assignment by setting remindedAt in the notice's transaction,
// so several app instances never remind the same person twice.
import { db } from '../db';
import { wakeDeliveries } from './deliver';
import { aboutShift } from './from-events';
import { writeNotices } from './outbox';

/** The longest lead time looked ahead for. */
const HORIZON_MS = 24 * 60 * 60 * 1000;

export async function remindUpcomingShifts(now = new Date(), take = 500): Promise<number> {
	const candidates = await db.assignment.findMany({
		where: {
			status: 'ASSIGNED',
			remindedAt: null,
			shift: { startsAt: { gt: now, lte: new Date(now.getTime() + HORIZON_MS) } }
		},
		select: {
			id: true,
			userId: true,
			shiftId: true,
			shift: { select: { startsAt: true, operation: { select: { reminderMinutes: true } } } }
		},
		orderBy: { shift: { startsAt: 'asc' } },
		take
	});
	const due = candidates.filter(({ shift }) => {
		const lead = shift.operation.reminderMinutes;
		return lead > 0 && shift.startsAt.getTime() - lead * 60_000 <= now.getTime();
	});
	let sent = 0;
	for (const assignment of due) {
		await db.$transaction(async (tx) => {
			const { count } = await tx.assignment.updateMany({
				where: { id: assignment.id, remindedAt: null },
				data: { remindedAt: now }
			});
			if (!count) return;
			const drafts = await aboutShift(tx, assignment.shiftId, [assignment.userId], 'shift.reminder', {
				title: 'notice_shift_reminder_title',
				body: 'notice_shift_reminder_body'
			});
			await writeNotices(tx, drafts);
			sent++;
		});
	}
	if (sent) wakeDeliveries();
	return sent;
}
