// Organizers triage field reports: new → acknowledged → resolved (and back, when it flares up
// again), with notes. Each change is a note too, so the history reads as a log.
import { audit } from '../audit';
import { db, type ReportStatus } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { announceReports } from './reports';

export async function triageReport(input: {
	actorId: string;
	reportId: string;
	status?: ReportStatus;
	note?: string;
	/** The status the organizer saw; a change made meanwhile by someone else is not overwritten. */
	seenStatus?: ReportStatus;
}) {
	const { actorId, reportId, status, note } = input;
	if (!status && !note) throw new DomainError('report_triage_empty', { field: 'note' });
	const report = await db.fieldReport.findUnique({
		where: { id: reportId },
		select: { status: true, operationId: true }
	});
	if (!report) throw new NotFoundError('report');
	const from = input.seenStatus ?? report.status;
	const changes = status !== undefined && status !== from;
	// Asking for the status it already has, with nothing to add: nothing to record.
	if (!changes && !note) return;
	await db.$transaction(async (tx) => {
		if (changes) {
			const updated = await tx.fieldReport.updateMany({
				where: { id: reportId, status: from },
				data: { status, statusChangedAt: new Date() }
			});
			if (updated.count === 0) throw new DomainError('report_changed', { status: 409 });
		}
		await tx.reportNote.create({
			data: { reportId, authorId: actorId, text: note ?? null, status: changes ? status : null }
		});
		await audit(tx, {
			actorId,
			action: changes ? `report.${status!.toLowerCase()}` : 'report.note',
			subjectType: 'FieldReport',
			subjectId: reportId
		});
	});
	await announceReports(report.operationId);
}
