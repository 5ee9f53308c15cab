// Organizers set up an operation: its dates, timezone and rostering rules, its zones, fixed posts
// and patrol routes with their ordered checkpoints. Every change is audited.
import { randomInt } from 'node:crypto';
import { audit } from '../audit';
import { db, isUniqueViolation, type PostKind, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { operationsOf, type OperationActor } from './access';

export interface OperationInput {
	name: string;
	description?: string;
	timezone: string;
	startsAt: Date;
	endsAt: Date;
	minRestMinutes: number;
	maxMinutesPerDay: number;
}

function checkOperation(input: OperationInput) {
	if (input.endsAt <= input.startsAt)
		throw new DomainError('operation_ends_before_start', { field: 'endDate' });
}

export async function listOperations(actor: OperationActor) {
	return db.operation.findMany({
		where: operationsOf(actor),
		orderBy: { startsAt: 'desc' },
		include: { _count: { select: { zones: true, routes: true, posts: true, shifts: true, members: true } } }
	});
}

export async function createOperation(actorId: string, input: OperationInput) {
	checkOperation(input);
	return db.$transaction(async (tx) => {
		const operation = await tx.operation.create({
			data: { ...input, description: input.description || null }
		});
		// Whoever creates it works on it.
		await tx.operationMember.create({ data: { operationId: operation.id, userId: actorId } });
		await audit(tx, {
			actorId,
			action: 'operation.created',
			subjectType: 'Operation',
			subjectId: operation.id
		});
		return operation;
	});
}

export async function updateOperation(actorId: string, id: string, input: OperationInput) {
	checkOperation(input);
	await db.$transaction(async (tx) => {
		const { count } = await tx.operation.updateMany({
			where: { id },
			data: { ...input, description: input.description || null }
		});
		if (!count) throw new NotFoundError('operation');
		await audit(tx, { actorId, action: 'operation.updated', subjectType: 'Operation', subjectId: id });
	});
}

export async function operationSetup(id: string) {
	const operation = await db.operation.findUnique({
		where: { id },
		include: {
			zones: { orderBy: { name: 'asc' }, include: { lead: { select: { id: true, name: true } } } },
			posts: { orderBy: [{ kind: 'asc' }, { name: 'asc' }], include: { zone: { select: { name: true } } } },
			routes: {
				orderBy: { name: 'asc' },
				include: { zone: { select: { name: true } }, _count: { select: { checkpoints: true, shifts: true } } }
			}
		}
	});
	if (!operation) throw new NotFoundError('operation');
	return operation;
}

/** Unique-name clashes become a message on the name field. */
async function named<T>(work: () => Promise<T>, code: string): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isUniqueViolation(error)) throw new DomainError(code, { field: 'name', status: 409 });
		throw error;
	}
}

async function inOperation(tx: Tx, operationId: string, zoneId: string | null | undefined) {
	if (!zoneId) return;
	const zone = await tx.zone.findFirst({ where: { id: zoneId, operationId }, select: { id: true } });
	if (!zone) throw new DomainError('zone_not_found', { field: 'zoneId' });
}

export interface ZoneInput {
	name: string;
	description?: string;
	leadId?: string | null;
}

async function checkLead(tx: Tx, leadId: string | null | undefined) {
	if (!leadId) return;
	const lead = await tx.user.findFirst({ where: { id: leadId, status: 'ACTIVE' }, select: { id: true } });
	if (!lead) throw new DomainError('lead_not_found', { field: 'leadId' });
}

export async function saveZone(actorId: string, operationId: string, input: ZoneInput, zoneId?: string) {
	return named(
		() =>
			db.$transaction(async (tx) => {
				await checkLead(tx, input.leadId);
				const data = {
					name: input.name,
					description: input.description || null,
					leadId: input.leadId || null
				};
				const zone = zoneId
					? await tx.zone.update({ where: { id: zoneId, operationId }, data })
					: await tx.zone.create({ data: { ...data, operationId } });
				await audit(tx, {
					actorId,
					action: zoneId ? 'zone.updated' : 'zone.created',
					subjectType: 'Zone',
					subjectId: zone.id
				});
				return zone;
			}),
		'zone_name_taken'
	);
}

export async function deleteZone(actorId: string, operationId: string, zoneId: string) {
	await db.$transaction(async (tx) => {
		const routes = await tx.route.count({ where: { zoneId, operationId } });
		if (routes) throw new DomainError('zone_has_routes', { status: 409, params: { count: routes } });
		const { count } = await tx.zone.deleteMany({ where: { id: zoneId, operationId } });
		if (!count) throw new NotFoundError('zone');
		await audit(tx, { operationId, actorId, action: 'zone.deleted', subjectType: 'Zone', subjectId: zoneId });
	});
}

/** Who may lead a zone: organizers, and the operation's active volunteers. */
export async function zoneLeadChoices(operationId: string) {
	return db.user.findMany({
		where: {
			status: 'ACTIVE',
			OR: [{ role: { in: ['ORGANIZER', 'ADMIN'] } }, { memberships: { some: { operationId } } }]
		},
		orderBy: { name: 'asc' },
		select: { id: true, name: true }
	});
}

/** A zone's contact card: its lead's phone and the help page, for printing. */
export async function zoneCard(zoneId: string) {
	const zone = await db.zone.findUnique({
		where: { id: zoneId },
		include: {
			operation: { select: { name: true } },
			lead: { select: { name: true, phone: true } },
			posts: { orderBy: { name: 'asc' }, select: { name: true, kind: true } },
			routes: { orderBy: { name: 'asc' }, select: { name: true } }
		}
	});
	if (!zone) throw new NotFoundError('zone');
	return zone;
}

export interface PostInput {
	name: string;
	kind: PostKind;
	zoneId?: string | null;
	lat?: number | null;
	lng?: number | null;
	description?: string;
}

export async function savePost(actorId: string, operationId: string, input: PostInput, postId?: string) {
	return named(
		() =>
			db.$transaction(async (tx) => {
				await inOperation(tx, operationId, input.zoneId);
				const data = {
					name: input.name,
					kind: input.kind,
					zoneId: input.zoneId || null,
					lat: input.lat ?? null,
					lng: input.lng ?? null,
					description: input.description || null
				};
				const post = postId
					? await tx.post.update({ where: { id: postId, operationId }, data })
					: await tx.post.create({ data: { ...data, operationId } });
				await audit(tx, {
					actorId,
					action: postId ? 'post.updated' : 'post.created',
					subjectType: 'Post',
					subjectId: post.id
				});
				return post;
			}),
		'post_name_taken'
	);
}

export async function deletePost(actorId: string, operationId: string, postId: string) {
	await db.$transaction(async (tx) => {
		const shifts = await tx.shift.count({ where: { postId, operationId } });
		if (shifts) throw new DomainError('place_has_shifts', { status: 409, params: { count: shifts } });
		const { count } = await tx.post.deleteMany({ where: { id: postId, operationId } });
		if (!count) throw new NotFoundError('post');
		await audit(tx, { operationId, actorId, action: 'post.deleted', subjectType: 'Post', subjectId: postId });
	});
}

export interface RouteInput {
	name: string;
	zoneId: string;
	description?: string;
	expectedIntervalMinutes: number;
}

export async function saveRoute(actorId: string, operationId: string, input: RouteInput, routeId?: string) {
	return named(
		() =>
			db.$transaction(async (tx) => {
				await inOperation(tx, operationId, input.zoneId);
				const data = { ...input, description: input.description || null };
				const route = routeId
					? await tx.route.update({ where: { id: routeId, operationId }, data })
					: await tx.route.create({ data: { ...data, operationId } });
				await audit(tx, {
					actorId,
					action: routeId ? 'route.updated' : 'route.created',
					subjectType: 'Route',
					subjectId: route.id
				});
				return route;
			}),
		'route_name_taken'
	);
}

export async function deleteRoute(actorId: string, operationId: string, routeId: string) {
	await db.$transaction(async (tx) => {
		const shifts = await tx.shift.count({ where: { routeId, operationId } });
		if (shifts) throw new DomainError('place_has_shifts', { status: 409, params: { count: shifts } });
		const { count } = await tx.route.deleteMany({ where: { id: routeId, operationId } });
		if (!count) throw new NotFoundError('route');
		await audit(tx, {
			operationId,
			actorId,
			action: 'route.deleted',
			subjectType: 'Route',
			subjectId: routeId
		});
	});
}

export async function routeDetail(routeId: string) {
	const route = await db.route.findUnique({
		where: { id: routeId },
		include: {
			operation: { select: { id: true, name: true, timezone: true } },
			zone: { select: { id: true, name: true } },
			checkpoints: { orderBy: { position: 'asc' } }
		}
	});
	if (!route) throw new NotFoundError('route');
	return route;
}

export interface CheckpointInput {
	name: string;
	lat: number;
	lng: number;
	instructions?: string;
	/** Typed by the organizer, or made up when left empty. */
	code?: string;
}

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

async function freeCode(tx: Tx, operationId: string): Promise<string> {
	for (;;) {
		const code = Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
		if (!(await tx.checkpoint.count({ where: { operationId, code } }))) return code;
	}
}

async function codeClash<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('checkpoint_code_taken', { field: 'code', status: 409 });
		throw error;
	}
}

export async function addCheckpoint(actorId: string, routeId: string, input: CheckpointInput) {
	return codeClash(() =>
		db.$transaction(async (tx) => {
			const route = await tx.route.findUnique({ where: { id: routeId }, select: { operationId: true } });
			if (!route) throw new NotFoundError('route');
			const last = await tx.checkpoint.findFirst({ where: { routeId }, orderBy: { position: 'desc' } });
			const checkpoint = await tx.checkpoint.create({
				data: {
					routeId,
					operationId: route.operationId,
					position: (last?.position ?? 0) + 1,
					name: input.name,
					lat: input.lat,
					lng: input.lng,
					instructions: input.instructions || null,
					code: input.code || (await freeCode(tx, route.operationId))
				}
			});
			await audit(tx, {
				actorId,
				action: 'checkpoint.created',
				subjectType: 'Route',
				subjectId: routeId,
				detail: { checkpointId: checkpoint.id }
			});
			return checkpoint;
		})
	);
}

/** A checkpoint of the given route, or a 404: ids from a form are checked against the page's route. */
async function checkpointOf(tx: Tx, routeId: string, checkpointId: string) {
	const checkpoint = await tx.checkpoint.findFirst({ where: { id: checkpointId, routeId } });
	if (!checkpoint) throw new NotFoundError('checkpoint');
	return checkpoint;
}

export async function updateCheckpoint(
	actorId: string,
	routeId: string,
	checkpointId: string,
	input: CheckpointInput
) {
	await codeClash(() =>
		db.$transaction(async (tx) => {
			const checkpoint = await checkpointOf(tx, routeId, checkpointId);
			await tx.checkpoint.update({
				where: { id: checkpointId },
				data: {
					name: input.name,
					lat: input.lat,
					lng: input.lng,
					instructions: input.instructions || null,
					code: input.code || checkpoint.code
				}
			});
			await audit(tx, {
				actorId,
				action: 'checkpoint.updated',
				subjectType: 'Route',
				subjectId: checkpoint.routeId,
				detail: { checkpointId }
			});
		})
	);
}

/** Positions are unique per route: park the moving checkpoint at 0 while the other takes its place. */
export async function moveCheckpoint(
	actorId: string,
	routeId: string,
	checkpointId: string,
	direction: 'up' | 'down'
) {
	await db.$transaction(async (tx) => {
		const checkpoint = await checkpointOf(tx, routeId, checkpointId);
		const neighbour = await tx.checkpoint.findFirst({
			where: {
				routeId: checkpoint.routeId,
				position: direction === 'up' ? { lt: checkpoint.position } : { gt: checkpoint.position }
			},
			orderBy: { position: direction === 'up' ? 'desc' : 'asc' }
		});
		if (!neighbour) return;
		await tx.checkpoint.update({ where: { id: checkpoint.id }, data: { position: 0 } });
		await tx.checkpoint.update({ where: { id: neighbour.id }, data: { position: checkpoint.position } });
		await tx.checkpoint.update({ where: { id: checkpoint.id }, data: { position: neighbour.position } });
		await audit(tx, {
			actorId,
			action: 'checkpoint.moved',
			subjectType: 'Route',
			subjectId: checkpoint.routeId,
			detail: { checkpointId, direction }
		});
	});
}

export async function deleteCheckpoint(actorId: string, routeId: string, checkpointId: string) {
	await db.$transaction(async (tx) => {
		const checkpoint = await checkpointOf(tx, routeId, checkpointId);
		await tx.checkpoint.delete({ where: { id: checkpointId } });
		// Close the gap, lowest first, so no two share a position on the way.
		const after = await tx.checkpoint.findMany({
			where: { routeId: checkpoint.routeId, position: { gt: checkpoint.position } },
			orderBy: { position: 'asc' }
		});
		for (const next of after) {
			await tx.checkpoint.update({ where: { id: next.id }, data: { position: next.position - 1 } });
		}
		await audit(tx, {
			actorId,
			action: 'checkpoint.deleted',
			subjectType: 'Route',
			subjectId: checkpoint.routeId,
			detail: { checkpointId, name: checkpoint.name }
		});
	});
}
