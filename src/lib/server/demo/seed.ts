// The demo operation a fresh installation starts with: one login per role and an event in
// progress, so that every screen has something real to show. The demo accounts' password is the
// installation's own (demo/password.ts), never one written down anywhere.
import { ensureAccount } from '../auth/accounts';
import { db, type Role } from '../db';
import { addDays, zonedDate, zonedTime } from '$lib/time';
import { seedLogistics } from './logistics';
import { seedRoster } from './rostering';
import { seedPatrolDemo } from './patrols';
import { seedGuests } from './guests';

export const DEMO_LOGINS: { email: string; name: string; role: Role }[] = [
	{ email: 'admin@redband.demo', name: 'Alex Admin', role: 'ADMIN' },
	{ email: 'organizer@redband.demo', name: 'Olivia Organizer', role: 'ORGANIZER' },
	{ email: 'logistics@redband.demo', name: 'Leo Logistics', role: 'LOGISTICS' },
	{ email: 'volunteer@redband.demo', name: 'Wang Fang', role: 'VOLUNTEER' }
];

export async function isEmpty(): Promise<boolean> {
	return (await db.user.count()) === 0;
}

const TIMEZONE = 'Asia/Shanghai';
// Around the National Exhibition and Convention Center, Shanghai.
const CENTRE = { lat: 31.1915, lng: 121.3003 };

const ZONES = [
	{ name: 'North Plaza', description: 'Main entrance, taxi rank and the north metro exit' },
	{ name: 'Riverside Walk', description: 'The canal path between halls 3 and 6' },
	{ name: 'Metro Hub', description: 'Line 2 and Line 17 concourse and bus station' }
];

const ROUTES = [
	{ zone: 0, name: 'North Loop', checkpoints: 6, bearing: 0 },
	{ zone: 1, name: 'Canal Path', checkpoints: 5, bearing: 120 },
	{ zone: 2, name: 'Concourse Sweep', checkpoints: 5, bearing: 240 },
	{ zone: 0, name: 'Taxi Rank Circuit', checkpoints: 7, bearing: 45 },
	{ zone: 1, name: 'Hall Link', checkpoints: 8, bearing: 165 },
	{ zone: 2, name: 'Bus Station Loop', checkpoints: 6, bearing: 290 }
];

const POSTS = [
	{ zone: 0, name: 'North Gate', kind: 'GATE' },
	{ zone: 0, name: 'Information Desk', kind: 'INFO_DESK' },
	{ zone: 1, name: 'Central Depot', kind: 'DEPOT' },
	{ zone: 1, name: 'Rest Area A', kind: 'REST_AREA' },
	{ zone: 2, name: 'First Aid Point', kind: 'FIRST_AID' },
	{ zone: 1, name: 'South Gate', kind: 'GATE' },
	{ zone: 2, name: 'Metro Depot', kind: 'DEPOT' },
	{ zone: 2, name: 'Rest Area B', kind: 'REST_AREA' }
] as const;

/** A point `metres` from the centre along `bearing` degrees. */
function offset(bearing: number, metres: number) {
	const rad = (bearing * Math.PI) / 180;
	return {
		lat: CENTRE.lat + (metres * Math.cos(rad)) / 111_320,
		lng: CENTRE.lng + (metres * Math.sin(rad)) / (111_320 * Math.cos((CENTRE.lat * Math.PI) / 180))
	};
}

const initials = (name: string) =>
	name
		.split(' ')
		.map((word) => word[0].toUpperCase())
		.join('');

export async function seedDemo(password: string, now = new Date()): Promise<{ operationId: string }> {
	if (password.length < 10) throw new Error('The demo password needs 10 characters or more.');
	const users: Record<Role, string> = {} as Record<Role, string>;
	for (const login of DEMO_LOGINS) {
		users[login.role] = (await ensureAccount({ ...login, password })).id;
	}

	const today = zonedDate(now, TIMEZONE);
	const operation = await db.operation.create({
		data: {
			name: 'Harbour Expo Week',
			description: 'Five halls, 400,000 visitors, red-armband patrols around the clock.',
			timezone: TIMEZONE,
			startsAt: zonedTime(addDays(today, -1), '06:00', TIMEZONE),
			endsAt: zonedTime(addDays(today, 3), '23:00', TIMEZONE),
			minRestMinutes: 480,
			maxMinutesPerDay: 600
		}
	});
	await db.operationMember.createMany({
		data: Object.values(users).map((userId) => ({ operationId: operation.id, userId }))
	});

	const zones = [];
	for (const zone of ZONES) {
		zones.push(
			await db.zone.create({
				data: { ...zone, operationId: operation.id, leadId: users.ORGANIZER }
			})
		);
	}
	const posts = [];
	for (const [index, post] of POSTS.entries()) {
		const created = await db.post.create({
			data: {
				operationId: operation.id,
				zoneId: zones[post.zone].id,
				name: post.name,
				kind: post.kind,
				...offset(index * 45, 250)
			}
		});
		posts.push(created);
	}
	const routes = [];
	for (const route of ROUTES) {
		routes.push(
			await db.route.create({
				data: {
					operationId: operation.id,
					zoneId: zones[route.zone].id,
					name: route.name,
					description: `Walk the ${route.name.toLowerCase()} clockwise; report anything unusual.`,
					expectedIntervalMinutes: 15,
					checkpoints: {
						create: Array.from({ length: route.checkpoints }, (_, i) => ({
							position: i + 1,
							name: `${route.name} ${i + 1}`,
							code: `${initials(route.name)}${i + 1}`,
							operationId: operation.id,
							instructions: i === 0 ? 'Start here; sign the clipboard at the kiosk.' : null,
							...offset(route.bearing + i * 25, 300 + i * 60)
						}))
					}
				}
			})
		);
	}

	// The demo volunteer's shifts: one that started an hour ago (whatever the time of day the demo
	// is seeded), and one tomorrow afternoon.
	const hour = 60 * 60 * 1000;
	const started = new Date(Math.floor(now.getTime() / hour) * hour - hour);
	const shifts = [
		{ route: 0, startsAt: started, endsAt: new Date(started.getTime() + 4 * hour) },
		{
			route: 1,
			startsAt: zonedTime(addDays(today, 1), '14:00', TIMEZONE),
			endsAt: zonedTime(addDays(today, 1), '18:00', TIMEZONE)
		}
	];
	for (const shift of shifts) {
		const created = await db.shift.create({
			data: {
				operationId: operation.id,
				routeId: routes[shift.route].id,
				startsAt: shift.startsAt,
				endsAt: shift.endsAt,
				headcount: 4,
				leaderId: users.ORGANIZER,
				instructions: 'Meet at the first checkpoint ten minutes early. Armband and lanyard on.'
			}
		});
		await db.assignment.create({
			data: { shiftId: created.id, userId: users.VOLUNTEER, assignedById: users.ORGANIZER }
		});
	}
	await seedRoster({
		password,
		operationId: operation.id,
		timezone: TIMEZONE,
		today,
		now,
		users,
		zones,
		routes,
		posts
	});
	await seedLogistics({ operationId: operation.id, users, password, now });
	await seedPatrolDemo(operation.id, password, users.ORGANIZER, now);
	await seedGuests({ operationId: operation.id, organizerId: users.ORGANIZER, zones, posts });
	return { operationId: operation.id };
}
