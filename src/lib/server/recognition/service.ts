// Recognition: what each volunteer gave to an operation (hours, shifts, patrols), a certificate
// of service once the operation has ended, and thanks from organizers that land in the inbox.
import { formatDateTime } from '$lib/time';
import { audit } from '../audit';
import { db, type AssignmentStatus } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { wakeDeliveries } from '../notify/deliver';
import { text } from '../notify/from-events';
import { writeNotices } from '../notify/outbox';
import { WORKING } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

const MINUTE = 60_000;
/** Shifts that count as served: the person came (by the app or marked by hand). */
const SERVED: AssignmentStatus[] = ['PRESENT', 'COMPLETED'];
/** Thanks reach these people on a shift. */
const THANKED = [...WORKING];
export const THANKS_KIND = 'thanks';

/** A person's service, per operation they were on a shift in, newest operation first. */
export async function serviceRecord(userId: string, now = new Date()) {
	const [assignments, patrols, thanks] = await Promise.all([
		db.assignment.findMany({
			where: { userId, status: { in: SERVED } },
			select: { shift: { select: { operationId: true } } }
		}),
		db.patrol.findMany({
			where: { userId },
			select: { operationId: true, startedAt: true, endedAt: true, checkInCount: true }
		}),
		db.notice.groupBy({ by: ['operationId'], where: { userId, kind: THANKS_KIND }, _count: { _all: true } })
	]);
	const ids = [
		...new Set([...assignments.map((a) => a.shift.operationId), ...patrols.map((p) => p.operationId)])
	];
	const operations = await db.operation.findMany({
		where: { id: { in: ids } },
		orderBy: { startsAt: 'desc' },
		select: { id: true, name: true, timezone: true, startsAt: true, endsAt: true }
	});
	return operations.map((operation) => {
		const own = patrols.filter((p) => p.operationId === operation.id);
		const ms = own.reduce((sum, p) => sum + (p.endedAt ? p.endedAt.getTime() - p.startedAt.getTime() : 0), 0);
		return {
			...operation,
			ended: operation.endsAt <= now,
			minutes: Math.round(ms / MINUTE),
			shifts: assignments.filter((a) => a.shift.operationId === operation.id).length,
			patrols: own.length,
			checkIns: own.reduce((sum, p) => sum + p.checkInCount, 0),
			thanks: thanks.find((row) => row.operationId === operation.id)?._count._all ?? 0
		};
	});
}

/** What a certificate of service says; refused until the operation has ended. */
export async function certificate(userId: string, operationId: string, now = new Date()) {
	const [user, record] = await Promise.all([
		db.user.findUnique({ where: { id: userId }, select: { name: true } }),
		serviceRecord(userId, now)
	]);
	const service = record.find((row) => row.id === operationId);
	if (!user || !service) throw new NotFoundError('certificate');
	if (!service.ended) throw new DomainError('certificate_not_yet', { status: 409 });
	const { name: operationName, ...figures } = service;
	return { ...figures, name: user.name, operationName };
}

export interface ThanksInput {
	operationId: string;
	/** A whole shift, or one person (in this operation). */
	shiftId?: string;
	userId?: string;
	message: string;
}

/** Puts a thank-you in the inbox of everyone on a shift, or of one person. */
export async function sendThanks(actor: { id: string; name: string }, input: ThanksInput) {
	const message = input.message?.trim() ?? '';
	if (message.length < 2 || message.length > 1000)
		throw new DomainError('thanks_message_invalid', { field: 'message' });
	const operation = await db.operation.findUnique({
		where: { id: input.operationId },
		select: { timezone: true }
	});
	if (!operation) throw new NotFoundError('operation');

	let recipients: { id: string; locale: string }[];
	let context: ((locale: string) => string) | null = null;
	let subject: { type: string; id: string };
	if (input.shiftId) {
		const shift = await db.shift.findFirst({
			where: { id: String(input.shiftId), operationId: input.operationId },
			select: {
				id: true,
				title: true,
				startsAt: true,
				route: { select: { name: true } },
				post: { select: { name: true } },
				assignments: {
					where: { status: { in: THANKED } },
					select: { user: { select: { id: true, locale: true, status: true } } }
				}
			}
		});
		if (!shift) throw new NotFoundError('shift');
		recipients = shift.assignments.map((a) => a.user).filter((user) => user.status === 'ACTIVE');
		const place = shiftName(shift);
		context = (locale) =>
			text('thanks_for_shift', locale, {
				place,
				time: formatDateTime(shift.startsAt, operation.timezone, locale)
			});
		subject = { type: 'Shift', id: shift.id };
	} else {
		const person = await db.user.findFirst({
			where: {
				id: String(input.userId ?? ''),
				status: 'ACTIVE',
				OR: [
					{ memberships: { some: { operationId: input.operationId } } },
					{ assignments: { some: { shift: { operationId: input.operationId } } } }
				]
			},
			select: { id: true, locale: true }
		});
		if (!person) throw new NotFoundError('account');
		recipients = [person];
		subject = { type: 'User', id: person.id };
	}
	if (!recipients.length) throw new DomainError('thanks_nobody', { status: 409 });

	await db.$transaction(async (tx) => {
		await writeNotices(
			tx,
			recipients.map((person) => ({
				userId: person.id,
				kind: THANKS_KIND,
				title: text('thanks_title', person.locale, { name: actor.name }),
				body: context ? `${message}\n\n${context(person.locale)}` : message,
				url: '/service',
				urgency: 'LOW',
				operationId: input.operationId
			}))
		);
		await audit(tx, {
			operationId: input.operationId,
			actorId: actor.id,
			action: 'thanks.sent',
			subjectType: subject.type,
			subjectId: subject.id,
			detail: { people: recipients.length }
		});
	});
	wakeDeliveries();
	return { people: recipients.length };
}

/** Who a thank-you would reach, for the form that writes it; null when nobody of this operation. */
export async function thanksTarget(operationId: string, target: { shiftId?: string; userId?: string }) {
	if (target.shiftId) {
		const shift = await db.shift.findFirst({
			where: { id: target.shiftId, operationId },
			select: {
				id: true,
				title: true,
				startsAt: true,
				route: { select: { name: true } },
				post: { select: { name: true } },
				_count: { select: { assignments: { where: { status: { in: THANKED } } } } }
			}
		});
		return (
			shift && {
				kind: 'shift' as const,
				id: shift.id,
				name: shiftName(shift),
				startsAt: shift.startsAt,
				people: shift._count.assignments
			}
		);
	}
	const person = await db.user.findFirst({
		where: {
			id: target.userId ?? '',
			OR: [{ memberships: { some: { operationId } } }, { assignments: { some: { shift: { operationId } } } }]
		},
		select: { id: true, name: true }
	});
	return person && { kind: 'person' as const, id: person.id, name: person.name, startsAt: null, people: 1 };
}
