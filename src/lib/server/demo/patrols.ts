// Patrols under way in the demo operation, so that the coverage board, the alerts and the reports
// inbox have something real to show: one patrol on time, one overdue with a missed checkpoint,
// one volunteer who has not turned up, and two field reports. Times are relative to now.
import { randomUUID } from 'node:crypto';
import { ensureAccount } from '../auth/accounts';
import { db } from '../db';
import { recordCheckIn } from '../patrols/check-ins';
import { startPatrol } from '../patrols/patrols';
import { fileReport } from '../reports/reports';

const MINUTE = 60_000;

const PATROLLERS = [
	{
		email: 'chen.lei@redband.demo',
		name: 'Chen Lei',
		route: 'Canal Path',
		started: 50,
		checkIns: [
			[1, 45],
			[2, 30],
			[3, 10]
		]
	},
	{
		email: 'zhao.min@redband.demo',
		name: 'Zhao Min',
		route: 'Concourse Sweep',
		started: 60,
		checkIns: [
			[1, 55],
			[3, 40]
		]
	},
	{ email: 'liu.yang@redband.demo', name: 'Liu Yang', route: 'Canal Path', started: null, checkIns: [] }
] as const;

export async function seedPatrolDemo(
	operationId: string,
	password: string,
	leaderId: string,
	now = new Date()
) {
	const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
	const shifts = new Map<string, string>();
	const people: Record<string, { userId: string; assignmentId: string }> = {};
	for (const person of PATROLLERS) {
		const user = await ensureAccount({ email: person.email, name: person.name, role: 'VOLUNTEER', password });
		await db.operationMember.upsert({
			where: { operationId_userId: { operationId, userId: user.id } },
			create: { operationId, userId: user.id },
			update: {}
		});
		let shiftId = shifts.get(person.route);
		if (!shiftId) {
			const route = await db.route.findFirstOrThrow({ where: { operationId, name: person.route } });
			const shift = await db.shift.create({
				data: { operationId, routeId: route.id, startsAt: at(60), endsAt: at(-180), headcount: 4, leaderId }
			});
			shiftId = shift.id;
			shifts.set(person.route, shiftId);
		}
		const assignment = await db.assignment.create({
			data: { shiftId, userId: user.id, assignedById: leaderId }
		});
		people[person.name] = { userId: user.id, assignmentId: assignment.id };
		if (person.started === null) continue;
		await startPatrol(
			user.id,
			{ id: randomUUID(), assignmentId: assignment.id, phoneTime: at(person.started), sentAt: now },
			now
		);
		const route = await db.route.findFirstOrThrow({
			where: { operationId, name: person.route },
			include: { checkpoints: { orderBy: { position: 'asc' } } }
		});
		for (const [position, minutesAgo] of person.checkIns) {
			const checkpoint = route.checkpoints[position - 1];
			await recordCheckIn(
				user.id,
				{
					id: randomUUID(),
					assignmentId: assignment.id,
					method: 'CODE',
					code: checkpoint.code,
					phoneTime: at(minutesAgo),
					sentAt: now,
					lat: checkpoint.lat,
					lng: checkpoint.lng,
					accuracy: 8
				},
				now
			);
		}
	}
	const reports = [
		{
			who: 'Zhao Min',
			category: 'CROWD',
			severity: 'HIGH',
			minutesAgo: 20,
			text: 'Queue at the Line 2 exit is spilling onto the road. Need two more stewards.'
		},
		{
			who: 'Chen Lei',
			category: 'LOST_PROPERTY',
			severity: 'LOW',
			minutesAgo: 35,
			text: 'Black backpack handed in at the canal bridge; left at the information desk.'
		}
	] as const;
	for (const report of reports) {
		const person = people[report.who];
		await fileReport(
			person.userId,
			{
				id: randomUUID(),
				assignmentId: person.assignmentId,
				category: report.category,
				severity: report.severity,
				text: report.text,
				phoneTime: at(report.minutesAgo),
				sentAt: now
			},
			null,
			now
		);
	}
}
