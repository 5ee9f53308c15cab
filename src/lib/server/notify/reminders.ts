// The reminder before a shift starts, `Operation.reminderMinutes` ahead (0 turns it off). Sent once
// per assignment: the job claims the assignment by setting remindedAt in the notice's transaction,
// so several app instances never remind the same person twice (on PostgreSQL they skip the rows
// another instance holds, and take the next batch).
import { db, dbTarget } from '../db';
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
	for (let start = 0; start < due.length; start += BATCH) {
		if (start > 0) await new Promise((resolve) => setImmediate(resolve));
		sent += await remindBatch(due.slice(start, start + BATCH), now);
	}
	if (sent) wakeDeliveries();
	return sent;
}

/** Reminders per transaction: a fill's thousands of reminders go out in short transactions. */
const BATCH = 100;

/**
 * Claims the batch's assignments (those nobody reminded meanwhile; on PostgreSQL skipping rows
 * another instance is claiming right now) and writes their reminders, in one transaction.
 */
async function remindBatch(batch: { id: string; userId: string; shiftId: string }[], now: Date) {
	return db.$transaction(async (tx) => {
		const ids = batch.map((a) => a.id);
		const free =
			dbTarget.provider === 'postgresql'
				? await tx.$queryRaw<{ id: string }[]>`
					SELECT "id" FROM "Assignment" WHERE "id" = ANY(${ids}) AND "remindedAt" IS NULL
					FOR UPDATE SKIP LOCKED`
				: await tx.assignment.findMany({
						where: { id: { in: ids }, remindedAt: null },
						select: { id: true }
					});
		const claimed = new Set(free.map((row) => row.id));
		if (!claimed.size) return 0;
		await tx.assignment.updateMany({
			where: { id: { in: [...claimed] }, remindedAt: null },
			data: { remindedAt: now }
		});
		const drafts = [];
		for (const assignment of batch.filter((a) => claimed.has(a.id))) {
			drafts.push(
				...(await aboutShift(tx, assignment.shiftId, [assignment.userId], 'shift.reminder', {
					title: 'notice_shift_reminder_title',
					body: 'notice_shift_reminder_body'
				}))
			);
		}
		await writeNotices(tx, drafts);
		return claimed.size;
	});
}
