// The briefing against a fixture day whose every figure was worked out by hand from the rows
// below (in the comments beside each expectation), not by the code under test.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { db, type AssignmentStatus } from '$lib/server/db';
import { zonedTime } from '$lib/time';
import { makeAlert } from '$test/alert-factories';
import { makeUser, unique } from '$test/factories';
import { dailyBriefing, operationBriefing } from './briefing';
import { SECTIONS, sectionCsv } from './csv';

const TZ = 'Asia/Shanghai';
const D = '2026-11-20';
/** A wall-clock time on day D (or another day) in Shanghai. */
const L = (time: string, day = D) => zonedTime(day, time, TZ);

async function fixtureDay() {
	const operation = await db.operation.create({
		data: {
			name: unique('Expo '),
			timezone: TZ,
			startsAt: L('00:00', '2026-11-19'),
			endsAt: L('00:00', '2026-11-23')
		}
	});
	const op = operation.id;
	const north = await db.zone.create({ data: { operationId: op, name: 'North' } });
	const south = await db.zone.create({ data: { operationId: op, name: 'South' } });
	const gate = await db.post.create({
		data: { operationId: op, name: 'Gate', kind: 'GATE', zoneId: south.id }
	});
	const depot = await db.post.create({
		data: { operationId: op, name: 'Depot', kind: 'DEPOT', zoneId: south.id }
	});
	const loop = await db.route.create({
		data: {
			operationId: op,
			zoneId: north.id,
			name: 'Loop',
			expectedIntervalMinutes: 30,
			checkpoints: {
				create: ['A', 'B', 'C'].map((name, i) => ({
					operationId: op,
					position: i + 1,
					name,
					code: unique('K').toUpperCase(),
					lat: 31.2,
					lng: 121.4
				}))
			}
		},
		include: { checkpoints: { orderBy: { position: 'asc' } } }
	});
	const [A, B, C] = loop.checkpoints;
	const people = await Promise.all(Array.from({ length: 8 }, () => makeUser()));
	const [p1, p2, p3, p4, p5, p6, pPrev] = people;

	const shift = (
		place: { routeId?: string; postId?: string },
		starts: string,
		ends: string,
		headcount: number,
		day = D
	) =>
		db.shift.create({
			data: { operationId: op, ...place, startsAt: L(starts, day), endsAt: L(ends, day), headcount }
		});
	const s0 = await shift({ postId: gate.id }, '09:00', '13:00', 4, '2026-11-19');
	const s1 = await shift({ routeId: loop.id }, '08:00', '12:00', 3);
	const s2 = await shift({ postId: gate.id }, '09:00', '13:00', 2);
	const s3 = await shift({ routeId: loop.id }, '14:00', '16:00', 2);
	await shift({ postId: gate.id }, '09:00', '10:00', 1, '2026-11-21');

	const place = async (
		shiftId: string,
		userId: string,
		status: AssignmentStatus,
		patrol?: { started: string; ended: string; day?: string; routeId?: string }
	) => {
		const assignment = await db.assignment.create({ data: { shiftId, userId, status } });
		if (!patrol) return { assignment, patrol: null };
		const startedAt = L(patrol.started, patrol.day);
		const endedAt = L(patrol.ended, patrol.day);
		const row = await db.patrol.create({
			data: {
				clientId: unique('c'),
				assignmentId: assignment.id,
				shiftId,
				userId,
				routeId: patrol.routeId ?? null,
				operationId: op,
				startedAt,
				startedPhoneTime: startedAt,
				startedReceivedAt: startedAt,
				endedAt,
				endedPhoneTime: endedAt,
				endedReceivedAt: endedAt
			}
		});
		return { assignment, patrol: row };
	};
	await place(s0.id, pPrev.id, 'COMPLETED', { started: '09:00', ended: '13:00', day: '2026-11-19' });
	const r1 = await place(s1.id, p1.id, 'COMPLETED', { started: '08:02', ended: '12:00', routeId: loop.id });
	const r2 = await place(s1.id, p2.id, 'COMPLETED', { started: '08:20', ended: '11:30', routeId: loop.id });
	const r3 = await place(s1.id, p3.id, 'NO_SHOW');
	await place(s1.id, p4.id, 'WAITLISTED');
	await place(s2.id, p5.id, 'PRESENT');
	const r6 = await place(s3.id, p6.id, 'COMPLETED', { started: '14:00', ended: '16:00', routeId: loop.id });

	const checkIn = async (
		who: { patrol: { id: string; userId: string } | null },
		checkpoint: { id: string; name: string; position: number },
		time: string,
		flags: { outOfOrder?: boolean; far?: boolean } = {},
		day = D
	) => {
		const at = L(time, day);
		await db.checkIn.create({
			data: {
				id: unique('ci'),
				patrolId: who.patrol!.id,
				checkpointId: checkpoint.id,
				userId: who.patrol!.userId,
				method: 'QR',
				checkpointName: checkpoint.name,
				checkpointPosition: checkpoint.position,
				routeId: loop.id,
				happenedAt: at,
				phoneTime: at,
				receivedAt: at,
				...flags
			}
		});
	};
	for (const [point, time] of [
		[A, '08:05'],
		[B, '08:35'],
		[A, '08:50'],
		[C, '09:05'],
		[A, '09:40'],
		[A, '10:30'],
		[A, '11:20']
	] as const) {
		await checkIn(r1, point, time);
	}
	await checkIn(r2, B, '08:30', { outOfOrder: true });
	await checkIn(r2, A, '11:00');
	await checkIn(r6, A, '14:50', { far: true });
	await checkIn(r6, A, '15:30');
	await checkIn(r1, A, '23:59', {}, '2026-11-19'); // the day before: not counted on D

	const report = async (
		category: 'MEDICAL' | 'CROWD',
		severity: 'CRITICAL' | 'MEDIUM' | 'LOW',
		happened: string,
		received: string,
		notes: [string, 'ACKNOWLEDGED' | 'RESOLVED'][],
		day = D
	) => {
		const status = notes.at(-1)?.[1] ?? 'NEW';
		await db.fieldReport.create({
			data: {
				id: unique('rp'),
				operationId: op,
				userId: p1.id,
				category,
				severity,
				text: 'Seen',
				happenedAt: L(happened, day),
				phoneTime: L(happened, day),
				receivedAt: L(received, day),
				status,
				notes: {
					create: notes.map(([time, noteStatus]) => ({ status: noteStatus, createdAt: L(time, day) }))
				}
			}
		});
	};
	await report('MEDICAL', 'CRITICAL', '09:00', '09:00', [
		['09:04', 'ACKNOWLEDGED'],
		['09:40', 'RESOLVED']
	]);
	await report('CROWD', 'MEDIUM', '13:00', '13:10', [['13:30', 'ACKNOWLEDGED']]);
	await report('MEDICAL', 'LOW', '20:00', '20:00', []);
	await report('CROWD', 'LOW', '10:00', '10:00', [], '2026-11-19');

	const alert = (
		kind: 'MISSING' | 'OVERDUE',
		who: { assignment: { id: string; shiftId: string; userId: string } },
		raised: string,
		cleared: string | null,
		day = D
	) =>
		makeAlert({
			kind,
			operationId: op,
			shiftId: who.assignment.shiftId,
			assignmentId: who.assignment.id,
			subjectUserId: who.assignment.userId,
			raisedAt: L(raised, day),
			clearedAt: cleared ? L(cleared, day) : null
		});
	await alert('MISSING', r3, '08:15', null);
	await alert('OVERDUE', r2, '10:00', '10:12');
	await alert('OVERDUE', r2, '10:00', null, '2026-11-19');

	const broadcast = async (
		at: string,
		requireAck: boolean,
		notices: { userId: string; read?: boolean; ack?: boolean; delivery?: 'SENT' | 'FAILED' }[]
	) => {
		const b = await db.broadcast.create({
			data: {
				operationId: op,
				title: 'Heat warning',
				body: 'Drink water',
				audience: '{}',
				requireAck,
				recipientCount: notices.length,
				createdAt: L(at)
			}
		});
		for (const notice of notices) {
			await db.notice.create({
				data: {
					userId: notice.userId,
					kind: 'broadcast',
					title: 'Heat warning',
					body: 'Drink water',
					broadcastId: b.id,
					operationId: op,
					readAt: notice.read ? L(at) : null,
					acknowledgedAt: notice.ack ? L(at) : null,
					deliveries: notice.delivery ? { create: { status: notice.delivery } } : undefined
				}
			});
		}
	};
	await broadcast('10:00', true, [
		{ userId: p1.id, read: true, ack: true, delivery: 'SENT' },
		{ userId: p2.id, read: true, delivery: 'SENT' },
		{ userId: p5.id }
	]);
	await broadcast('15:00', false, [
		{ userId: p1.id, read: true, delivery: 'SENT' },
		{ userId: p6.id, delivery: 'FAILED' }
	]);

	const water = await db.item.create({ data: { operationId: op, name: 'Water', unit: 'BOTTLE' } });
	const meal = await db.item.create({
		data: { operationId: op, name: 'Meal box', unit: 'BOX', isMeal: true }
	});
	const serving = await db.mealServing.create({
		data: { shiftId: s2.id, userId: p5.id, method: 'TICK', servedAt: L('12:30') }
	});
	const move = (
		itemId: string,
		kind: 'RECEIVED' | 'TRANSFER' | 'ISSUED' | 'WASTED',
		quantity: number,
		from: string | null,
		to: string | null,
		time: string,
		day = D,
		extra: { mealServingId?: string; reason?: string } = {}
	) =>
		db.stockMovement.create({
			data: {
				operationId: op,
				itemId,
				kind,
				quantity,
				fromPostId: from,
				toPostId: to,
				createdAt: L(time, day),
				...extra
			}
		});
	await move(water.id, 'RECEIVED', 50, null, depot.id, '10:00', '2026-11-19');
	await move(water.id, 'RECEIVED', 100, null, depot.id, '07:00');
	await move(water.id, 'TRANSFER', 40, depot.id, gate.id, '08:30');
	await move(water.id, 'ISSUED', 25, gate.id, null, '12:00');
	await move(meal.id, 'RECEIVED', 10, null, gate.id, '08:00');
	await move(meal.id, 'ISSUED', 1, gate.id, null, '12:30', D, { mealServingId: serving.id });
	await move(water.id, 'WASTED', 5, depot.id, null, '18:00', D, { reason: 'Leaking' });
	await move(water.id, 'TRANSFER', 10, depot.id, gate.id, '10:00', '2026-11-21');
	// Balances as the ledger sums to them now.
	await db.stockBalance.createMany({
		data: [
			{ itemId: water.id, postId: depot.id, quantity: 50 + 100 - 40 - 5 - 10 },
			{ itemId: water.id, postId: gate.id, quantity: 40 - 25 + 10 },
			{ itemId: meal.id, postId: gate.id, quantity: 10 - 1 }
		]
	});

	const pod = await db.pod.create({ data: { operationId: op, name: 'Quiet pod', capacity: 1 } });
	const booking = (
		userId: string,
		slot: string,
		made: string,
		status: 'CHECKED_OUT' | 'RELEASED' | 'CANCELLED',
		used?: [string, string]
	) =>
		db.podBooking.create({
			data: {
				podId: pod.id,
				userId,
				startsAt: L(slot),
				endsAt: new Date(L(slot).getTime() + 20 * 60_000),
				place: 1,
				status,
				createdAt: L(made),
				checkedInAt: used ? L(used[0]) : null,
				checkedOutAt: used ? L(used[1]) : null
			}
		});
	await booking(p1.id, '10:00', '09:30', 'CHECKED_OUT', ['10:01', '10:15']);
	await booking(p2.id, '10:20', '10:20', 'RELEASED');
	await booking(p5.id, '11:00', '08:00', 'CANCELLED');

	return { operation };
}

describe(`the daily briefing on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('adds up a fixture day as worked out by hand', async () => {
		const { operation } = await fixtureDay();
		const b = await dailyBriefing(operation, D, L('00:00', '2026-11-22'));

		// Loop (North): S1 3 places, p1 p2 p3 placed (p4 waits); S3 2 places, p6 placed.
		// Gate (South): S2 2 places, p5 placed. Zones sort North before South.
		expect(b.shifts.rows).toEqual([
			{ zone: 'North', place: 'Loop', shifts: 2, planned: 5, filled: 4, short: 1 },
			{ zone: 'South', place: 'Gate', shifts: 1, planned: 2, filled: 1, short: 1 }
		]);
		expect(b.shifts.totals).toEqual({ shifts: 3, planned: 7, filled: 5, short: 2 });

		// p2 started 08:20 (late) and ended 11:30 (early); p3 never came. Minutes: p1 08:02-12:00
		// = 238, p2 08:20-11:30 = 190, p6 14:00-16:00 = 120. p5 was marked present at the gate.
		expect(b.attendance.rows).toEqual([
			{ zone: 'North', place: 'Loop', placed: 4, present: 3, late: 1, noShow: 1, leftEarly: 1, minutes: 548 },
			{ zone: 'South', place: 'Gate', placed: 1, present: 1, late: 0, noShow: 0, leftEarly: 0, minutes: 0 }
		]);

		// Planned visits: S1 3 people x 240/30 = 24, S3 2 x 120/30 = 8. Eleven check-ins on D.
		expect(b.patrols.routes).toEqual([
			expect.objectContaining({ route: 'Loop', checkpoints: 3, visited: 3, plannedVisits: 32, visits: 11 })
		]);
		// Patrolled 08:00-12:00 and 14:00-16:00. B: last visit 08:35, nothing until 12:00 = 205 min.
		// C: 09:05 to 12:00 = 175. A: never more than 50 minutes (09:40-10:30 and 14:00-14:50).
		expect(b.patrols.longestGaps.map((g) => [g.checkpoint, g.minutes])).toEqual([
			['B', 205],
			['C', 175],
			['A', 50]
		]);
		expect(b.patrols.longestGaps[0].from).toEqual(L('08:35'));
		expect(b.patrols.blindSpots.map((g) => g.checkpoint)).toEqual(['B', 'C']);
		expect(b.patrols.flagged).toEqual({ checkIns: 2, outOfOrder: 1, far: 1, wrongRoute: 0 });
		expect(b.patrols.spotChecks).toEqual({ requested: 0, onTime: 0, late: 0, failed: 0, declined: 0 });

		// Reports: acknowledged after 4 and 20 minutes (from receipt), resolved after 40.
		expect(b.reports).toMatchObject({
			total: 3,
			open: 2,
			byCategory: [
				{ category: 'MEDICAL', count: 2 },
				{ category: 'CROWD', count: 1 }
			],
			bySeverity: [
				{ severity: 'CRITICAL', count: 1 },
				{ severity: 'HIGH', count: 0 },
				{ severity: 'MEDIUM', count: 1 },
				{ severity: 'LOW', count: 1 }
			],
			acknowledged: 2,
			medianMinutesToAcknowledge: 12,
			longestMinutesToAcknowledge: 20,
			resolved: 1,
			medianMinutesToResolve: 40
		});

		expect(b.alerts.byKind).toEqual([
			expect.objectContaining({ kind: 'MISSING', raised: 1, resolved: 0, medianMinutesToRespond: null }),
			expect.objectContaining({ kind: 'OVERDUE', raised: 1, resolved: 1, medianMinutesToRespond: 12 })
		]);
		expect(b.alerts.emergencies).toBeNull();

		// Five people reached; 3 delivered to a device, 3 read; 1 of the 3 asked acknowledged.
		expect(b.broadcasts.totals).toEqual({ sent: 2, recipients: 5, delivered: 3, read: 3, acknowledged: 1 });
		expect([b.broadcasts.deliveryRate, b.broadcasts.readRate, b.broadcasts.acknowledgementRate]).toEqual([
			60, 60, 33
		]);

		// 40 bottles reached the gate, where one person (p5) was on duty; one meal served there.
		expect(b.supplies.items).toEqual([
			{ item: 'Water', unit: 'BOTTLE', place: 'Gate', quantity: 40, onDuty: 1, perPerson: 40 }
		]);
		expect(b.supplies.meals).toEqual([{ place: 'Gate', served: 1, onDuty: 1, perPerson: 1 }]);

		// End of D: depot 50+100-40-5 = 105, gate 40-25 = 15, meals 9. The gate used 25 bottles,
		// so its 15 last 14.4 hours: it runs out tomorrow.
		expect(b.stock.map((s) => [s.item, s.location, s.atEnd, s.used, s.hoursLeft, s.runsOutTomorrow])).toEqual(
			[
				['Water', 'Gate', 15, 25, 14.4, true],
				['Meal box', 'Gate', 9, 1, 216, false],
				['Water', 'Depot', 105, 45, 56, false]
			]
		);

		// Waits 30, 0 and 180 minutes; slots 10:00 and 10:20 each took the pod's one place.
		expect(b.pods).toEqual([
			{
				name: 'Quiet pod',
				capacity: 1,
				booked: 3,
				used: 1,
				noShow: 1,
				cancelled: 1,
				minutes: 14,
				medianWaitMinutes: 30,
				fullSlots: 2
			}
		]);

		const hours = b.hourly!;
		expect(hours.checkIns.length).toBe(24);
		expect(hours.checkIns.slice(8, 16)).toEqual([4, 2, 1, 2, 0, 0, 1, 1]);
		expect(hours.onDuty.slice(7, 17)).toEqual([0, 2, 2, 2, 2, 0, 0, 1, 1, 0]);
		expect(hours.reports[9] + hours.reports[13] + hours.reports[20]).toBe(3);

		// Against D-1 (one gate shift of 4 places, one person for four hours, one report, one alert).
		expect(b.headline).toEqual({
			planned: 7,
			filled: 5,
			short: 2,
			present: 4,
			noShow: 1,
			hours: 9,
			checkIns: 11,
			reports: 3,
			alerts: 2,
			meals: 1
		});
		expect(b.change).toEqual({
			planned: 3,
			filled: 4,
			short: -1,
			present: 3,
			noShow: 1,
			hours: 5,
			checkIns: 11,
			reports: 2,
			alerts: 1,
			meals: 1
		});

		// The whole operation: 4 + 7 + 1 places planned over three days.
		const whole = await operationBriefing(operation, L('00:00', '2026-11-22'));
		expect(whole.shifts.totals.planned).toBe(12);
		expect(whole.period.day).toBeNull();
		expect(whole.change.planned).toBeNull();
	});

	it('writes each section as CSV that parses and adds up to the page’s totals', async () => {
		const { operation } = await fixtureDay();
		const b = await dailyBriefing(operation, D, L('00:00', '2026-11-22'));
		const parse = (section: (typeof SECTIONS)[number]) =>
			Papa.parse<Record<string, string>>(sectionCsv(b, section), { header: true, skipEmptyLines: true });
		const total = (rows: Record<string, string>[], column: string) =>
			rows.reduce((sum, row) => sum + Number(row[column] || 0), 0);
		for (const section of SECTIONS) expect(parse(section).errors, section).toEqual([]);

		const shifts = parse('shifts').data;
		expect(['planned', 'filled', 'short'].map((c) => total(shifts, c))).toEqual([7, 5, 2]);
		const attendance = parse('attendance').data;
		expect(
			['present', 'late', 'no_show', 'left_early', 'minutes_served'].map((c) => total(attendance, c))
		).toEqual([4, 1, 1, 1, 548]);
		expect(total(parse('patrols').data, 'visits')).toBe(11);
		const reports = parse('reports').data;
		expect(
			total(
				reports.filter((r) => r.measure === 'category'),
				'value'
			)
		).toBe(3);
		expect(
			total(
				reports.filter((r) => r.measure === 'severity'),
				'value'
			)
		).toBe(3);
		expect(total(parse('alerts').data, 'raised')).toBe(2);
		const broadcasts = parse('broadcasts').data;
		expect(['recipients', 'delivered', 'read', 'acknowledged'].map((c) => total(broadcasts, c))).toEqual([
			5, 3, 3, 1
		]);
		expect(total(parse('meals').data, 'served')).toBe(1);
		expect(parse('stock').data.find((r) => r.location === 'Gate' && r.item === 'Water')).toMatchObject({
			at_end: '15',
			runs_out_tomorrow: 'true'
		});
		expect(total(parse('pods').data, 'booked')).toBe(3);
		expect(parse('gaps').data.map((r) => r.blind_spot)).toEqual(['true', 'true', 'false']);
	});
});
