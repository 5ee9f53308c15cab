// Demo supplies and rest pods: items with opening stock in the Central Depot, thresholds, a crew at
// the North Gate on shift right now (so requests, meals and pods have people to show), two rest
// pods and requests at every stage of the queue. Everything goes through the domain functions, so
// the ledger and balances are as real as the ones people make.
import { randomUUID } from 'node:crypto';
import { ensureAccount } from '../auth/accounts';
import { db, type Role } from '../db';
import { createItem, setThreshold } from '../logistics/items';
import { setMealDepot } from '../logistics/fresh';
import { moveStock } from '../logistics/ledger';
import { serveMeal } from '../logistics/meals';
import {
	acceptRequest,
	confirmReceipt,
	createRequest,
	deliverRequest,
	pickRequest
} from '../logistics/requests';
import { startPatrol } from '../patrols/patrols';
import { bookPod, slotStart } from '../pods/bookings';
import { createPod } from '../pods/pods';
import { addDays, zonedDate } from '$lib/time';

const HOUR = 60 * 60 * 1000;

/** People on post shifts now; the gate lead's login shows the post side of supplies. */
export const DEMO_CREW = [
	{ email: 'gate.lead@redband.demo', name: 'Zhang Wei', post: 'North Gate', leads: true },
	{ email: 'li.na@redband.demo', name: 'Li Na', post: 'North Gate' },
	{ email: 'chen.hao@redband.demo', name: 'Chen Hao', post: 'North Gate' },
	{ email: 'zhao.min@redband.demo', name: 'Zhao Min', post: 'Information Desk', leads: true },
	{ email: 'sun.lei@redband.demo', name: 'Sun Lei', post: 'First Aid Point', leads: true }
];

const ITEMS = [
	// Cooked meals keep six hours: each delivery gets its use-by time when it arrives.
	{ name: 'Meal box', unit: 'BOX', isMeal: true, shelfLifeHours: 6 },
	{ name: 'Water 500 ml', unit: 'BOTTLE' },
	{ name: 'Fruit', unit: 'KG' },
	{ name: 'Coffee', unit: 'CUP' },
	{ name: 'Herbal tea', unit: 'CUP' },
	{ name: 'Snack bar', unit: 'PACK' }
] as const;

export async function seedLogistics(input: {
	operationId: string;
	users: Record<Role, string>;
	password: string;
	now: Date;
}) {
	const { operationId, now } = input;
	const operation = await db.operation.findUniqueOrThrow({ where: { id: operationId } });
	const today = zonedDate(now, operation.timezone);
	const staff = { id: input.users.LOGISTICS, role: 'LOGISTICS' as const };
	const posts = Object.fromEntries(
		(await db.post.findMany({ where: { operationId } })).map((post) => [post.name, post])
	);
	const depot = posts['Central Depot'];

	// The crew's shifts run from an hour ago for six hours, whenever the demo is seeded.
	const startsAt = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR);
	const shifts: Record<string, string> = {};
	const crew: Record<string, string> = {};
	for (const person of DEMO_CREW) {
		crew[person.email] = (
			await ensureAccount({
				email: person.email,
				name: person.name,
				password: input.password,
				role: 'VOLUNTEER'
			})
		).id;
		// Placed on the operation's shifts, so members of it (their screens are scoped to it).
		await db.operationMember.upsert({
			where: { operationId_userId: { operationId, userId: crew[person.email] } },
			create: { operationId, userId: crew[person.email] },
			update: {}
		});
	}
	for (const person of DEMO_CREW) {
		const post = posts[person.post];
		shifts[post.name] ??= (
			await db.shift.create({
				data: {
					operationId,
					postId: post.id,
					startsAt,
					endsAt: new Date(startsAt.getTime() + 6 * HOUR),
					headcount: 4,
					instructions: 'Relieve each other for breaks; book a rest pod in the app.'
				}
			})
		).id;
		if ('leads' in person)
			await db.shift.update({ where: { id: shifts[post.name] }, data: { leaderId: crew[person.email] } });
		const assignment = await db.assignment.create({
			data: {
				shiftId: shifts[post.name],
				userId: crew[person.email],
				status: 'ASSIGNED',
				assignedById: input.users.ORGANIZER
			}
		});
		// On shift since it began, as if each had tapped "Start shift": present, with a patrol
		// they can end from the Patrol screen and whose hours count.
		await startPatrol(crew[person.email], { id: randomUUID(), assignmentId: assignment.id }, startsAt);
	}

	const items: Record<string, string> = {};
	for (const item of ITEMS) items[item.name] = (await createItem(staff, { operationId, ...item })).id;

	const receive = (item: string, quantity: number, daysLeft?: number, supplier?: string, at = now) =>
		moveStock(
			staff,
			{
				kind: 'RECEIVED',
				operationId,
				itemId: items[item],
				toPostId: depot.id,
				quantity,
				bestBefore: daysLeft === undefined ? undefined : addDays(today, daysLeft),
				supplier
			},
			undefined,
			at
		);
	// Breakfast boxes delivered seven hours ago: past their use-by, waiting to be written off.
	await receive('Meal box', 24, undefined, 'Harbour Catering', new Date(now.getTime() - 7 * HOUR));
	await receive('Meal box', 420, undefined, 'Harbour Catering', new Date(now.getTime() - 2 * HOUR));
	await receive('Meal box', 300, undefined, 'Harbour Catering');
	await receive('Water 500 ml', 4800, 180, 'Clearspring');
	await receive('Fruit', 90, 2, 'Qingpu Farms');
	await receive('Fruit', 60.5, 5, 'Qingpu Farms');
	await receive('Coffee', 900);
	await receive('Herbal tea', 300);
	await receive('Snack bar', 1200, 30);

	const move = (item: string, to: string, quantity: number) =>
		moveStock(staff, {
			kind: 'TRANSFER',
			operationId,
			itemId: items[item],
			fromPostId: depot.id,
			toPostId: posts[to].id,
			quantity
		});
	await move('Meal box', 'North Gate', 12);
	await setMealDepot(staff, { operationId, postId: depot.id });
	await move('Water 500 ml', 'Information Desk', 96);
	await move('Water 500 ml', 'North Gate', 48);
	await move('Fruit', 'First Aid Point', 6);
	await moveStock(staff, {
		kind: 'ISSUED',
		operationId,
		itemId: items['Water 500 ml'],
		fromPostId: posts['North Gate'].id,
		quantity: 30
	});
	await moveStock(staff, {
		kind: 'WASTED',
		operationId,
		itemId: items['Fruit'],
		fromPostId: depot.id,
		quantity: 2.5,
		reason: 'Bruised in transport'
	});

	const threshold = (item: string, post: string, minimum: number) =>
		setThreshold(staff, { operationId, itemId: items[item], postId: posts[post].id, minimum });
	await threshold('Water 500 ml', 'Central Depot', 1000);
	await threshold('Meal box', 'Central Depot', 150);
	await threshold('Fruit', 'Central Depot', 40);
	await threshold('Coffee', 'Central Depot', 200);
	await threshold('Water 500 ml', 'North Gate', 24);

	// Requests at each stage: one delivered and received, one accepted, one urgent and waiting.
	const lead = (email: string) => ({ id: crew[email], role: 'VOLUNTEER' as const });
	const done = await createRequest(
		lead('zhao.min@redband.demo'),
		{ postId: posts['Information Desk'].id, lines: [{ itemId: items['Coffee'], quantity: 40 }] },
		now
	);
	await acceptRequest(staff, { requestId: done.id, depotId: depot.id });
	await pickRequest(staff, { requestId: done.id });
	await deliverRequest(staff, { requestId: done.id });
	await confirmReceipt(lead('zhao.min@redband.demo'), { requestId: done.id }, now);
	// Twenty-five minutes from asking to delivery, as the report will show.
	await db.supplyRequest.update({
		where: { id: done.id },
		data: {
			createdAt: new Date(now.getTime() - 50 * 60_000),
			acceptedAt: new Date(now.getTime() - 45 * 60_000),
			pickedAt: new Date(now.getTime() - 35 * 60_000),
			deliveredAt: new Date(now.getTime() - 25 * 60_000)
		}
	});
	const accepted = await createRequest(
		lead('sun.lei@redband.demo'),
		{
			postId: posts['First Aid Point'].id,
			lines: [
				{ itemId: items['Water 500 ml'], quantity: 24 },
				{ itemId: items['Herbal tea'], quantity: 20 }
			],
			note: 'Two heat-exhaustion cases this morning'
		},
		now
	);
	await acceptRequest(staff, { requestId: accepted.id, depotId: depot.id });
	await createRequest(
		lead('zhao.min@redband.demo'),
		{
			postId: posts['Information Desk'].id,
			lines: [
				{ itemId: items['Fruit'], quantity: 5 },
				{ itemId: items['Snack bar'], quantity: 30 }
			],
			urgent: true,
			note: 'Queue of lost children and their parents, out of snacks'
		},
		now
	);

	await createPod(staff, {
		operationId,
		name: 'Quiet pod',
		capacity: 4,
		postId: posts['Rest Area A'].id,
		amenities: ['RECLINER', 'DARK', 'QUIET', 'CHARGING']
	});
	const corner = await createPod(staff, {
		operationId,
		name: 'Coffee corner',
		capacity: 6,
		postId: posts['Rest Area A'].id,
		amenities: ['COFFEE', 'WATER', 'CHARGING', 'AIR_CON']
	});
	await bookPod(
		lead('chen.hao@redband.demo'),
		{
			podId: corner.id,
			startsAt: new Date(slotStart(now, corner.slotMinutes).getTime() + corner.slotMinutes * 60_000)
		},
		now
	);

	await serveMeal(
		lead('gate.lead@redband.demo'),
		{ shiftId: shifts['North Gate'], userId: crew['li.na@redband.demo'] },
		now
	);
}
