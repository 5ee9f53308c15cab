// Supply requests: a post asks, logistics accepts, picks from a depot (stock leaves the depot),
// delivers (stock arrives at the post) and the post confirms receipt. Every step is a conditional
// status change, so two people pressing "accept" at once cannot both succeed.
import { toSteps } from '$lib/logistics/units';
import { db, isUniqueViolation, type SupplyRequestStatus, type Tx } from '../db';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { emit, type EventPayloads } from '../events';
import { isStockStaff, requireStockStaff, type Actor } from './access';
import { addStock, moveOut } from './ledger';
import { announce } from './live';
import { ON_SHIFT } from '$lib/shifts/status';

const HOUR = 60 * 60 * 1000;
/** People may ask for supplies from two hours before their shift at the post until it ends. */
const BEFORE_SHIFT = 2 * HOUR;

export const OPEN_STATUSES: SupplyRequestStatus[] = ['REQUESTED', 'ACCEPTED', 'PICKED', 'DELIVERED'];

export { announce, logisticsChannel, postChannel } from './live';

/** Posts (not depots) the person is staffing or leading now or within two hours. */
export async function postsStaffedBy(userId: string, now = new Date()) {
	const shifts = await db.shift.findMany({
		where: {
			postId: { not: null },
			startsAt: { lte: new Date(now.getTime() + BEFORE_SHIFT) },
			endsAt: { gt: now },
			OR: [{ leaderId: userId }, { assignments: { some: { userId, status: { in: [...ON_SHIFT] } } } }]
		},
		orderBy: { startsAt: 'asc' },
		select: { post: { select: { id: true, name: true, kind: true, operationId: true } } }
	});
	const posts = new Map<string, NonNullable<(typeof shifts)[number]['post']>>();
	for (const { post } of shifts) if (post && post.kind !== 'DEPOT') posts.set(post.id, post);
	return [...posts.values()];
}

/** The posts a person may ask supplies for: their own, or every post for logistics staff. */
export async function requestablePosts(actor: Actor, operationId: string, now = new Date()) {
	if (isStockStaff(actor.role)) {
		return db.post.findMany({
			where: { operationId, kind: { not: 'DEPOT' } },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, kind: true, operationId: true }
		});
	}
	return (await postsStaffedBy(actor.id, now)).filter((post) => post.operationId === operationId);
}

async function mayActForPost(actor: Actor, postId: string, now: Date) {
	if (isStockStaff(actor.role)) return true;
	return (await postsStaffedBy(actor.id, now)).some((post) => post.id === postId);
}

export interface RequestInput {
	postId: string;
	lines: { itemId: string; quantity: number }[];
	urgent?: boolean;
	note?: string;
	clientId?: string;
}

export async function createRequest(actor: Actor, input: RequestInput, now = new Date()) {
	const post =
		typeof input.postId === 'string'
			? await db.post.findUnique({
					where: { id: input.postId },
					select: { id: true, operationId: true, kind: true }
				})
			: null;
	if (!post || post.kind === 'DEPOT')
		throw new DomainError('stock_location_unknown', { field: 'postId', status: 404 });
	if (!(await mayActForPost(actor, post.id, now))) throw new ForbiddenError('supply_not_your_post');

	const wanted = (input.lines ?? []).filter((line) => line.quantity !== 0);
	if (wanted.length === 0) throw new DomainError('supply_lines_required', { field: 'lines' });
	const items = await db.item.findMany({
		where: { id: { in: wanted.map((line) => String(line.itemId)) }, operationId: post.operationId }
	});
	const lines = wanted.map((line) => {
		const item = items.find((candidate) => candidate.id === line.itemId);
		if (!item) throw new DomainError('stock_item_unknown', { field: `qty_${line.itemId}`, status: 404 });
		const quantity = toSteps(line.quantity, item.unit);
		if (quantity === null) throw new DomainError('stock_quantity_invalid', { field: `qty_${item.id}` });
		return { itemId: item.id, quantity };
	});
	if (new Set(lines.map((line) => line.itemId)).size !== lines.length) {
		throw new DomainError('supply_lines_required', { field: 'lines' });
	}
	const note = input.note?.trim().slice(0, 500) || null;

	try {
		const request = await db.$transaction(async (tx) => {
			const created = await tx.supplyRequest.create({
				data: {
					operationId: post.operationId,
					postId: post.id,
					requesterId: actor.id,
					urgent: Boolean(input.urgent),
					note,
					clientId: input.clientId || null,
					lines: { create: lines }
				}
			});
			await emit(tx, 'logistics.request_created', {
				operationId: post.operationId,
				requestId: created.id,
				postId: post.id,
				urgent: created.urgent
			});
			return created;
		});
		await announce(post.operationId, post.id);
		return request;
	} catch (error) {
		// The phone sent this request before and is retrying: the first one stands.
		if (input.clientId && isUniqueViolation(error)) {
			const existing = await db.supplyRequest.findUnique({ where: { clientId: input.clientId } });
			if (existing && existing.requesterId === actor.id) return existing;
		}
		throw error;
	}
}

type StatusEvent = EventPayloads['logistics.request_status']['status'];

/** Moves a request from one of `from` to `to`, or explains why it cannot. */
/**
 * Moves a request on. `operationId`, when given (staff screens work on one operation), must be
 * the request's: a request of another operation answers like one that does not exist.
 */
async function transition(
	tx: Tx,
	requestId: string,
	from: SupplyRequestStatus[],
	to: StatusEvent,
	data: Record<string, unknown> = {},
	operationId?: string
) {
	const scope = operationId ? { operationId } : {};
	const { count } = await tx.supplyRequest.updateMany({
		where: { id: requestId, status: { in: from }, ...scope },
		data: { status: to, ...data }
	});
	const request = await tx.supplyRequest.findFirst({
		where: { id: requestId, ...scope },
		include: { lines: true }
	});
	if (!request) throw new NotFoundError('supply_request');
	if (count === 0)
		throw new DomainError('supply_status_changed', { status: 409, params: { status: request.status } });
	await emit(tx, 'logistics.request_status', {
		requestId,
		postId: request.postId,
		requesterId: request.requesterId,
		status: to
	});
	return request;
}

async function finish<T extends { operationId: string; postId: string }>(work: Promise<T>) {
	const request = await work;
	await announce(request.operationId, request.postId);
	return request;
}

/** What a staff screen names: the request, and the operation it works on (see transition). */
interface StaffStep {
	requestId: string;
	operationId?: string;
}

export async function acceptRequest(actor: Actor, input: StaffStep & { depotId: string }) {
	requireStockStaff(actor);
	return finish(
		db.$transaction(async (tx) => {
			const depot =
				typeof input.depotId === 'string' && input.depotId
					? await tx.post.findUnique({ where: { id: input.depotId } })
					: null;
			const request = await tx.supplyRequest.findFirst({
				where: {
					id: String(input.requestId),
					...(input.operationId ? { operationId: input.operationId } : {})
				}
			});
			if (!request) throw new NotFoundError('supply_request');
			if (!depot || depot.kind !== 'DEPOT' || depot.operationId !== request.operationId) {
				throw new DomainError('supply_depot_unknown', { field: 'depotId', status: 404 });
			}
			return transition(
				tx,
				request.id,
				['REQUESTED'],
				'ACCEPTED',
				{ depotId: depot.id, handlerId: actor.id, acceptedAt: new Date() },
				input.operationId
			);
		})
	);
}

/** Takes every line off the depot's shelves at once; if one item is short, nothing is picked. */
export async function pickRequest(actor: Actor, input: StaffStep) {
	requireStockStaff(actor);
	return finish(
		db.$transaction(async (tx) => {
			const request = await transition(
				tx,
				String(input.requestId),
				['ACCEPTED'],
				'PICKED',
				{ pickedAt: new Date(), handlerId: actor.id },
				input.operationId
			);
			const items = await tx.item.findMany({ where: { id: { in: request.lines.map((l) => l.itemId) } } });
			for (const line of request.lines) {
				try {
					await moveOut(
						tx,
						{
							operationId: request.operationId,
							itemId: line.itemId,
							quantity: line.quantity,
							reason: null,
							actorId: actor.id,
							requestId: request.id
						},
						'TRANSFER',
						request.depotId!,
						null
					);
				} catch (error) {
					if (error instanceof DomainError && error.code === 'stock_insufficient') {
						const item = items.find((candidate) => candidate.id === line.itemId)!;
						throw new DomainError('supply_pick_insufficient', {
							status: 409,
							params: { item: item.name, ...error.options.params }
						});
					}
					throw error;
				}
			}
			return request;
		})
	);
}

/** What was picked arrives at the post, best-before dates and all. */
export async function deliverRequest(actor: Actor, input: StaffStep) {
	requireStockStaff(actor);
	return finish(
		db.$transaction(async (tx) => {
			const request = await transition(
				tx,
				String(input.requestId),
				['PICKED'],
				'DELIVERED',
				{ deliveredAt: new Date() },
				input.operationId
			);
			await bringBack(tx, actor, request, request.postId);
			return request;
		})
	);
}

/** Puts everything picked for a request at `postId` (the post, or back at the depot). */
async function bringBack(tx: Tx, actor: Actor, request: { id: string; operationId: string }, postId: string) {
	const picked = await tx.stockMovement.findMany({
		where: { requestId: request.id, toPostId: null },
		select: { itemId: true, lot: true, quantity: true }
	});
	for (const move of picked) {
		await addStock(tx, move.itemId, postId, move.lot, move.quantity);
		await tx.stockMovement.create({
			data: {
				operationId: request.operationId,
				itemId: move.itemId,
				kind: 'TRANSFER',
				quantity: move.quantity,
				toPostId: postId,
				lot: move.lot,
				requestId: request.id,
				actorId: actor.id
			}
		});
	}
}

export async function declineRequest(actor: Actor, input: StaffStep & { reason: string }) {
	requireStockStaff(actor);
	const reason = input.reason?.trim();
	if (!reason) throw new DomainError('reason_required', { field: 'reason' });
	return finish(
		db.$transaction((tx) =>
			transition(
				tx,
				String(input.requestId),
				['REQUESTED', 'ACCEPTED'],
				'DECLINED',
				{ declineReason: reason.slice(0, 500), handlerId: actor.id, closedAt: new Date() },
				input.operationId
			)
		)
	);
}

/**
 * The person who asked may withdraw a request until it is picked; logistics staff may also cancel
 * a picked one, and the stock goes back to the depot.
 */
export async function cancelRequest(actor: Actor, input: StaffStep) {
	return finish(
		db.$transaction(async (tx) => {
			const existing = await tx.supplyRequest.findFirst({
				where: {
					id: String(input.requestId),
					...(input.operationId ? { operationId: input.operationId } : {})
				}
			});
			if (!existing) throw new NotFoundError('supply_request');
			const staff = isStockStaff(actor.role);
			if (!staff && existing.requesterId !== actor.id) throw new ForbiddenError('supply_not_your_request');
			const from: SupplyRequestStatus[] = staff
				? ['REQUESTED', 'ACCEPTED', 'PICKED']
				: ['REQUESTED', 'ACCEPTED'];
			const request = await transition(tx, existing.id, from, 'CANCELLED', { closedAt: new Date() });
			if (existing.status === 'PICKED') await bringBack(tx, actor, request, request.depotId!);
			return request;
		})
	);
}

export async function confirmReceipt(actor: Actor, input: { requestId: string }, now = new Date()) {
	const existing = await db.supplyRequest.findUnique({ where: { id: String(input.requestId) } });
	if (!existing) throw new NotFoundError('supply_request');
	if (existing.requesterId !== actor.id && !(await mayActForPost(actor, existing.postId, now))) {
		throw new ForbiddenError('supply_not_your_post');
	}
	return finish(
		db.$transaction((tx) =>
			transition(tx, existing.id, ['DELIVERED'], 'RECEIVED', { receivedAt: now, closedAt: now })
		)
	);
}

const requestSelect = {
	id: true,
	status: true,
	urgent: true,
	note: true,
	declineReason: true,
	createdAt: true,
	acceptedAt: true,
	pickedAt: true,
	deliveredAt: true,
	receivedAt: true,
	closedAt: true,
	requesterId: true,
	post: { select: { id: true, name: true } },
	depot: { select: { id: true, name: true } },
	requester: { select: { name: true } },
	handler: { select: { name: true } },
	lines: {
		orderBy: { item: { name: 'asc' } },
		select: { quantity: true, item: { select: { id: true, name: true, unit: true } } }
	}
} as const;

/** The logistics queue: open requests, urgent first then oldest; and today's closed ones. */
export async function requestQueue(operationId: string, closedSince: Date) {
	const [open, closed] = await Promise.all([
		db.supplyRequest.findMany({
			where: { operationId, status: { in: OPEN_STATUSES } },
			orderBy: [{ urgent: 'desc' }, { createdAt: 'asc' }],
			select: requestSelect
		}),
		db.supplyRequest.findMany({
			where: { operationId, status: { notIn: OPEN_STATUSES }, closedAt: { gte: closedSince } },
			orderBy: { closedAt: 'desc' },
			take: 30,
			select: requestSelect
		})
	]);
	return { open, closed };
}

/** Requests for the given posts (what a post's staff follow), newest first. */
export async function requestsForPosts(postIds: string[], take = 30) {
	return db.supplyRequest.findMany({
		where: { postId: { in: postIds } },
		orderBy: { createdAt: 'desc' },
		take,
		select: requestSelect
	});
}

/** Requests a person made (what logistics staff see on the volunteer side), newest first. */
export async function requestsBy(userId: string, take = 30) {
	return db.supplyRequest.findMany({
		where: { requesterId: userId },
		orderBy: { createdAt: 'desc' },
		take,
		select: requestSelect
	});
}
