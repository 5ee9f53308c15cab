// Making many shifts at once by repeating a pattern (times, place, headcount) over a range of
// days, and undoing such a batch when it was a mistake.
import { wallClockWindow } from '$lib/shifts/time';
import { addDays } from '$lib/time';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { cancelShiftsInTx, shiftData, validateShift, type ShiftInput } from './shifts';

export const MAX_BATCH_DAYS = 62;

export interface BatchPattern extends Omit<ShiftInput, 'startsAt' | 'endsAt'> {
	/** Calendar dates in the operation's timezone, inclusive. */
	fromDate: string;
	toDate: string;
	/** Wall-clock times; an end at or before the start runs past midnight. */
	startTime: string;
	endTime: string;
	label: string;
}

/** The shifts' time windows, one per day: pure, so the preview and the write agree. */
export function batchWindows(
	pattern: Pick<BatchPattern, 'fromDate' | 'toDate' | 'startTime' | 'endTime'>,
	timezone: string
) {
	if (pattern.toDate < pattern.fromDate) throw new DomainError('batch_dates_reversed', { field: 'toDate' });
	const windows: { startsAt: Date; endsAt: Date }[] = [];
	for (let day = pattern.fromDate; day <= pattern.toDate; day = addDays(day, 1)) {
		if (windows.length === MAX_BATCH_DAYS) {
			throw new DomainError('batch_too_long', { field: 'toDate', params: { days: MAX_BATCH_DAYS } });
		}
		windows.push(wallClockWindow(day, pattern.startTime, pattern.endTime, timezone));
	}
	return windows;
}

export async function createBatch(actorId: string, operationId: string, pattern: BatchPattern) {
	const operation = await db.operation.findUnique({ where: { id: operationId }, select: { timezone: true } });
	if (!operation) throw new NotFoundError('operation');
	const windows = batchWindows(pattern, operation.timezone);
	for (const window of windows) await validateShift(db, operationId, { ...pattern, ...window }, 'toDate');
	return db.$transaction(async (tx) => {
		const batch = await tx.shiftBatch.create({
			data: { operationId, createdById: actorId, label: pattern.label }
		});
		for (const window of windows) {
			await tx.shift.create({
				data: { ...shiftData(operationId, { ...pattern, ...window }), batchId: batch.id }
			});
		}
		await audit(tx, {
			actorId,
			action: 'shift.batch_created',
			subjectType: 'ShiftBatch',
			subjectId: batch.id,
			detail: { shifts: windows.length, label: pattern.label }
		});
		return { batchId: batch.id, created: windows.length };
	});
}

/**
 * Deletes a batch's shifts. People already on them are told the shifts were cancelled; a batch
 * with a shift under way cannot be undone (cancel the later shifts one by one instead).
 */
/** `operationId`, when given, must be the batch's: one of another operation is not found. */
export async function undoBatch(actorId: string, batchId: string, now = new Date(), operationId?: string) {
	return db.$transaction(async (tx) => {
		const batch = await tx.shiftBatch.findFirst({
			where: { id: batchId, ...(operationId ? { operationId } : {}) },
			select: { id: true }
		});
		if (!batch) throw new NotFoundError('record');
		const { count } = await tx.shiftBatch.updateMany({
			where: { id: batchId, undoneAt: null },
			data: { undoneAt: now }
		});
		if (!count) throw new DomainError('batch_already_undone', { status: 409 });
		const shifts = await tx.shift.findMany({ where: { batchId }, select: { id: true } });
		const removed = await cancelShiftsInTx(
			tx,
			shifts.map((s) => s.id),
			actorId,
			now
		);
		await audit(tx, {
			actorId,
			action: 'shift.batch_undone',
			subjectType: 'ShiftBatch',
			subjectId: batchId,
			detail: { removed }
		});
		return removed;
	});
}

export async function listBatches(operationId: string, take = 20) {
	const batches = await db.shiftBatch.findMany({
		where: { operationId },
		orderBy: { createdAt: 'desc' },
		take,
		include: {
			createdBy: { select: { name: true } },
			_count: { select: { shifts: true } }
		}
	});
	return batches.map(({ _count, ...batch }) => ({ ...batch, shifts: _count.shifts }));
}
