// Volunteers ask to drop a shift or swap it for another; an organizer approves or declines. An
// approved swap places the person on the other shift under the same rules as any assignment,
// leaving the first shift out of the comparison, and frees their old place for the waitlist.
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { emit } from '../events';
import { isOnShift } from '$lib/shifts/status';
import { lockShift, placeOnShift, removeFromShift } from './roster';

export async function requestChange(
	input: { userId: string; shiftId: string; kind: 'DROP' | 'SWAP'; targetShiftId?: string; reason?: string },
	now = new Date()
) {
	const { userId, shiftId, kind } = input;
	const assignment = await db.assignment.findUnique({
		where: { shiftId_userId: { shiftId, userId } },
		include: { shift: { select: { startsAt: true, operationId: true } } }
	});
	if (!assignment || !isOnShift(assignment.status)) {
		throw new DomainError('not_on_shift', { status: 409 });
	}
	if (assignment.shift.startsAt <= now) throw new DomainError('shift_started', { status: 409 });
	if (kind === 'SWAP') {
		const target = input.targetShiftId
			? await db.shift.findUnique({
					where: { id: input.targetShiftId },
					select: { operationId: true, startsAt: true }
				})
			: null;
		if (!target || input.targetShiftId === shiftId || target.operationId !== assignment.shift.operationId) {
			throw new DomainError('swap_target_invalid', { field: 'targetShiftId' });
		}
		if (target.startsAt <= now) throw new DomainError('swap_target_invalid', { field: 'targetShiftId' });
	}
	return db.$transaction(async (tx) => {
		const pending = await tx.shiftRequest.count({
			where: { assignmentId: assignment.id, status: 'PENDING' }
		});
		if (pending) throw new DomainError('request_pending', { status: 409 });
		const request = await tx.shiftRequest.create({
			data: {
				assignmentId: assignment.id,
				shiftId,
				userId,
				kind,
				targetShiftId: kind === 'SWAP' ? input.targetShiftId : null,
				reason: input.reason || null
			}
		});
		await audit(tx, {
			actorId: userId,
			action: `shift.request_${kind.toLowerCase()}`,
			subjectType: 'ShiftRequest',
			subjectId: request.id,
			detail: { shiftId, targetShiftId: request.targetShiftId }
		});
		return request;
	});
}

export async function withdrawRequest(userId: string, requestId: string) {
	const { count } = await db.shiftRequest.updateMany({
		where: { id: requestId, userId, status: 'PENDING' },
		data: { status: 'WITHDRAWN', decidedAt: new Date() }
	});
	if (count) return;
	// Tell apart "not yours" (nothing to say about someone else's request) from "already decided".
	const request = await db.shiftRequest.findUnique({ where: { id: requestId }, select: { userId: true } });
	if (!request || request.userId !== userId) throw new NotFoundError('request');
	throw new DomainError('request_not_pending', { status: 409 });
}

export async function decideRequest(input: {
	actorId: string;
	requestId: string;
	approve: boolean;
	note?: string;
	/** When given, the request's shift must be of this operation (else: not found). */
	operationId?: string;
}) {
	const { actorId, requestId, approve } = input;
	await db.$transaction(async (tx) => {
		const request = await tx.shiftRequest.findFirst({
			where: { id: requestId, ...(input.operationId ? { shift: { operationId: input.operationId } } : {}) }
		});
		if (!request) throw new NotFoundError('request');
		if (request.userId === actorId) throw new ForbiddenError('cannot_decide_own_request');
		// The conditional update decides races between two organizers: only one sees PENDING.
		const { count } = await tx.shiftRequest.updateMany({
			where: { id: requestId, status: 'PENDING' },
			data: {
				status: approve ? 'APPROVED' : 'DECLINED',
				decidedAt: new Date(),
				decidedById: actorId,
				decisionNote: input.note || null
			}
		});
		if (!count) throw new DomainError('request_not_pending', { status: 409 });
		if (approve) {
			const shift = await lockShift(tx, request.shiftId);
			if (request.kind === 'SWAP') {
				const target = await lockShift(tx, request.targetShiftId!);
				await placeOnShift(tx, {
					shift: target,
					userId: request.userId,
					actorId,
					waitlist: false,
					exclude: [shift.id]
				});
			}
			await removeFromShift(tx, {
				shift,
				userId: request.userId,
				actorId,
				action: request.kind === 'SWAP' ? 'shift.swapped_out' : 'shift.dropped'
			});
		}
		await emit(tx, 'shift.request_decided', {
			requestId,
			shiftId: request.shiftId,
			userId: request.userId,
			kind: request.kind,
			approved: approve
		});
		await audit(tx, {
			actorId,
			action: approve ? 'shift.request_approved' : 'shift.request_declined',
			subjectType: 'ShiftRequest',
			subjectId: requestId,
			detail: input.note ? { note: input.note } : undefined
		});
	});
}

export async function pendingRequests(operationId: string) {
	return db.shiftRequest.findMany({
		where: { status: 'PENDING', shift: { operationId } },
		orderBy: { createdAt: 'asc' },
		include: {
			user: { select: { id: true, name: true } },
			shift: { include: { route: { select: { name: true } }, post: { select: { name: true } } } },
			targetShift: { include: { route: { select: { name: true } }, post: { select: { name: true } } } }
		}
	});
}

export async function countPendingRequests(operationId: string) {
	return db.shiftRequest.count({ where: { status: 'PENDING', shift: { operationId } } });
}
