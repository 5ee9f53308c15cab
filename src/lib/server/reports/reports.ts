// Field reports: what a volunteer saw, filed from the phone's outbox with an id made on the phone,
// so a retried upload stores nothing twice. A position is kept only when the person was on a
// running patrol at the time: the app does not track people off duty.
import { PHOTO_MAX_BYTES, positionOf, type ReportInput } from '$lib/schemas/patrol';
import { db, isUniqueViolation, type ReportStatus } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { emit } from '../events';
import { publish } from '../live/bus';
import { currentOperation } from '../operations/operations';
import { reportsChannel } from '../patrols/channels';
import { honestTime } from '../patrols/times';
import { stripMetadata } from './metadata';

export interface Photo {
	bytes: Uint8Array;
}

/** The image type from the file's first bytes; what the phone claims is not trusted. */
export function photoType(bytes: Uint8Array): string | null {
	const starts = (...values: number[]) => values.every((value, i) => bytes[i] === value);
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return null;
}

const reportSelect = {
	id: true,
	userId: true,
	category: true,
	severity: true,
	status: true,
	text: true,
	hasPhoto: true,
	happenedAt: true,
	receivedAt: true,
	clockOffsetSeconds: true
} as const;

export async function fileReport(
	userId: string,
	input: ReportInput,
	photo: Photo | null,
	receivedAt = new Date()
) {
	const again = await db.fieldReport.findUnique({ where: { id: input.id }, select: reportSelect });
	if (again) {
		if (again.userId !== userId) throw new DomainError('patrol_id_taken', { status: 409 });
		return { report: again, duplicate: true };
	}
	const contentType = photo ? photoType(photo.bytes) : null;
	if (photo && !contentType) throw new DomainError('report_photo_type', { field: 'photo', status: 422 });
	if (photo && photo.bytes.byteLength > PHOTO_MAX_BYTES) {
		throw new DomainError('report_photo_large', { field: 'photo', status: 422 });
	}

	// Whatever sent it (form, API, outbox), the stored photo has no GPS position or other metadata.
	const bytes = photo && contentType ? await stripMetadata(photo.bytes) : null;

	const time = honestTime(input, receivedAt);
	const patrol = input.assignmentId
		? await db.patrol.findUnique({
				where: { assignmentId: input.assignmentId },
				select: { id: true, userId: true, operationId: true, startedAt: true, endedAt: true }
			})
		: null;
	if (patrol && patrol.userId !== userId) throw new ForbiddenError();
	const onPatrol =
		patrol !== null &&
		patrol.startedAt <= time.happenedAt &&
		(!patrol.endedAt || time.happenedAt <= patrol.endedAt);
	const operationId = patrol?.operationId ?? (await operationOf(userId, time.happenedAt));
	if (!operationId) throw new DomainError('report_no_operation', { status: 409 });
	const position = onPatrol ? positionOf(input) : null;

	let report;
	try {
		report = await db.$transaction(async (tx) => {
			const created = await tx.fieldReport.create({
				data: {
					id: input.id,
					operationId,
					userId,
					patrolId: patrol?.id ?? null,
					category: input.category,
					severity: input.severity,
					text: input.text,
					hasPhoto: photo !== null,
					lat: position?.lat,
					lng: position?.lng,
					accuracy: position?.accuracy,
					happenedAt: time.happenedAt,
					phoneTime: time.phoneTime,
					receivedAt: time.receivedAt,
					clockOffsetSeconds: time.clockOffsetSeconds,
					...(bytes && contentType ? { photo: { create: { contentType, bytes } } } : {})
				},
				select: reportSelect
			});
			await emit(tx, 'report.filed', {
				reportId: created.id,
				operationId,
				userId,
				category: created.category,
				severity: created.severity
			});
			return created;
		});
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const winner = await db.fieldReport.findUnique({ where: { id: input.id }, select: reportSelect });
		if (!winner || winner.userId !== userId) throw error;
		return { report: winner, duplicate: true };
	}
	await announceReports(operationId);
	return { report, duplicate: false };
}

/** The operation a person is working on at a time: their shift then, else the next, else any. */
async function operationOf(userId: string, at: Date): Promise<string | undefined> {
	const shift =
		(await db.shift.findFirst({
			where: { assignments: { some: { userId } }, startsAt: { lte: at }, endsAt: { gt: at } },
			select: { operationId: true }
		})) ??
		(await db.shift.findFirst({
			where: { assignments: { some: { userId } }, startsAt: { gt: at } },
			orderBy: { startsAt: 'asc' },
			select: { operationId: true }
		}));
	return shift?.operationId ?? (await currentOperation(at))?.id;
}

export async function announceReports(operationId: string) {
	try {
		await publish(reportsChannel(operationId), { reports: true });
	} catch (error) {
		console.error('[reports] live notice failed', error);
	}
}

const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
const STATUS_RANK = { NEW: 0, ACKNOWLEDGED: 1, RESOLVED: 2 } as const;

export interface ReportFilter {
	status?: ReportStatus;
	category?: string;
	severity?: string;
}

/** Reports for triage: open ones first, the most severe first, then the latest. */
export async function listReports(operationId: string, filter: ReportFilter = {}, take = 200) {
	const reports = await db.fieldReport.findMany({
		where: {
			operationId,
			...(filter.status ? { status: filter.status } : {}),
			...(filter.category ? { category: filter.category as never } : {}),
			...(filter.severity ? { severity: filter.severity as never } : {})
		},
		orderBy: { happenedAt: 'desc' },
		take,
		select: {
			...reportSelect,
			lat: true,
			lng: true,
			accuracy: true,
			user: { select: { name: true } },
			patrol: { select: { routeId: true } },
			_count: { select: { notes: true } }
		}
	});
	// Ranked here, not in SQL: enums sort by name in SQLite and by declaration in PostgreSQL.
	return reports.sort(
		(a, b) =>
			STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
			SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
			b.happenedAt.getTime() - a.happenedAt.getTime()
	);
}

export async function reportCounts(operationId: string) {
	const groups = await db.fieldReport.groupBy({
		by: ['status'],
		where: { operationId },
		_count: { _all: true }
	});
	const counts = { NEW: 0, ACKNOWLEDGED: 0, RESOLVED: 0 };
	for (const group of groups) counts[group.status] = group._count._all;
	return counts;
}

export async function reportDetail(id: string) {
	return db.fieldReport.findUnique({
		where: { id },
		select: {
			...reportSelect,
			operationId: true,
			phoneTime: true,
			lat: true,
			lng: true,
			accuracy: true,
			statusChangedAt: true,
			user: { select: { name: true, phone: true } },
			patrol: {
				select: {
					assignment: {
						select: {
							shift: { select: { route: { select: { name: true } }, post: { select: { name: true } } } }
						}
					}
				}
			},
			operation: { select: { timezone: true } },
			notes: {
				orderBy: { createdAt: 'asc' },
				select: { id: true, text: true, status: true, createdAt: true, author: { select: { name: true } } }
			}
		}
	});
}

export async function reportPhoto(id: string) {
	return db.reportPhoto.findUnique({ where: { reportId: id }, select: { contentType: true, bytes: true } });
}

/** The operation a report was filed in: what screens check the person works on (404 when gone). */
export async function reportOperationId(id: string) {
	const report = await db.fieldReport.findUnique({
		where: { id: String(id) },
		select: { operationId: true }
	});
	if (!report) throw new NotFoundError('report');
	return report.operationId;
}
