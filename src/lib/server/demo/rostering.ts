// The demo operation's people and roster: a few hundred volunteers with languages, skills, zone
// preferences and availability, and three days of shifts made in bulk batches, mostly filled by
// the same fill proposal organizers use, with some places left open to show the rest of the flow.
import { SKILLS_NEEDING_PROOF } from '$lib/skills';
import { addDays, zonedTime } from '$lib/time';
import { hashPassword } from '../auth/password';
import { db, type AccountStatus, type Role } from '../db';
import { proposeFill, type FillPerson, type FillShift } from '../shifts/fill-proposal';

const VOLUNTEERS = 300;

const FAMILY = [
	'Wang',
	'Li',
	'Zhang',
	'Liu',
	'Chen',
	'Yang',
	'Huang',
	'Zhao',
	'Wu',
	'Zhou',
	'Xu',
	'Sun',
	'Ma',
	'Zhu',
	'Hu',
	'Guo',
	'He',
	'Lin',
	'Luo',
	'Gao'
];
const GIVEN = [
	'Wei',
	'Fang',
	'Min',
	'Jing',
	'Lei',
	'Yan',
	'Jun',
	'Hui',
	'Qiang',
	'Xin',
	'Ying',
	'Hao',
	'Lan',
	'Tao',
	'Mei',
	'Yu',
	'Jie',
	'Ning',
	'Bo',
	'Ting'
];
const GUESTS = [
	'Anna Müller',
	'Kenji Sato',
	'Min-jun Park',
	'Lucas Martin',
	'Sofia Rossi',
	'Omar Haddad',
	'Elena Petrova',
	'João Silva'
];

/** A fixed sequence, so every fresh demo looks the same. */
function random(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}

interface Place {
	id: string;
	name: string;
	zoneId: string | null;
}

export async function seedRoster(input: {
	password: string;
	operationId: string;
	timezone: string;
	today: string;
	now: Date;
	users: Record<Role, string>;
	zones: { id: string; name: string }[];
	routes: Place[];
	posts: Place[];
}) {
	const { operationId, timezone, today, now, users, zones } = input;
	const rand = random(20261130);
	const chance = (p: number) => rand() < p;
	const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];

	// Demo accounts all share the demo password, so any of them can be tried.
	const passwordHash = await hashPassword(input.password);
	const people = Array.from({ length: VOLUNTEERS }, (_, i) => {
		const guest = i % 37 === 5;
		const status: AccountStatus = i < 12 ? 'PENDING' : i < 15 ? 'SUSPENDED' : i < 17 ? 'REJECTED' : 'ACTIVE';
		return {
			email: `volunteer${String(i + 1).padStart(3, '0')}@volunteers.redband.demo`,
			// Every family and given name pairs once, so no two demo volunteers share a name.
			name: guest
				? GUESTS[i % GUESTS.length]
				: `${FAMILY[i % FAMILY.length]} ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`,
			phone: `+86139${String(10_000_000 + i * 7919).slice(-8)}`,
			passwordHash,
			passwordSetAt: now,
			role: 'VOLUNTEER' as const,
			status,
			statusReason:
				status === 'SUSPENDED'
					? 'Missed two shifts without notice'
					: status === 'REJECTED'
						? 'Under 16'
						: null,
			locale: guest ? 'en' : 'zh',
			guest
		};
	});
	const created = await db.user.createManyAndReturn({
		data: people.map(({ guest: _guest, ...person }) => person),
		select: { id: true, email: true, status: true }
	});
	const byEmail = new Map(created.map((user) => [user.email, user]));
	const volunteers = people.map((person) => ({ ...person, id: byEmail.get(person.email)!.id }));

	const profiles = volunteers.map((person) => {
		const age = chance(0.08) ? 16 : 19 + Math.floor(rand() * 45);
		return {
			userId: person.id,
			birthDate: new Date(Date.UTC(2026 - age, Math.floor(rand() * 12), 1 + Math.floor(rand() * 27))),
			emergencyContactName: `${pick(FAMILY)} ${pick(GIVEN)}`,
			emergencyContactPhone: `+86138${String(20_000_000 + Math.floor(rand() * 79_999_999)).slice(-8)}`,
			consentAt: now
		};
	});
	await db.volunteerProfile.createMany({ data: profiles });

	const languages: { userId: string; code: string }[] = [];
	const skills: { userId: string; skill: string; verifiedAt: Date | null; verifiedById: string | null }[] =
		[];
	const preferences: { userId: string; zoneId: string }[] = [];
	const availability: { userId: string; startsAt: Date; endsAt: Date }[] = [];
	for (const person of volunteers) {
		const spoken = new Set(person.guest ? ['en'] : ['zh']);
		if (chance(0.4)) spoken.add('en');
		if (chance(0.15)) spoken.add('yue');
		if (chance(0.05)) spoken.add(pick(['ja', 'ko', 'fr', 'ru', 'ar']));
		for (const code of spoken) languages.push({ userId: person.id, code });
		const held = new Set<string>();
		if (chance(0.2)) held.add('FIRST_AID');
		if (chance(0.1)) held.add('DRIVING');
		if (chance(0.3)) held.add('RADIO');
		if (chance(0.25)) held.add('CROWD_SAFETY');
		if (spoken.size > 2) held.add('INTERPRETING');
		for (const skill of held) {
			const verified = (SKILLS_NEEDING_PROOF as readonly string[]).includes(skill) ? chance(0.75) : false;
			skills.push({
				userId: person.id,
				skill,
				verifiedAt: verified ? now : null,
				verifiedById: verified ? users.ORGANIZER : null
			});
		}
		preferences.push({ userId: person.id, zoneId: pick(zones).id });
		if (chance(0.3)) {
			const day = Math.floor(rand() * 3);
			availability.push({
				userId: person.id,
				startsAt: zonedTime(addDays(today, day), '07:00', timezone),
				endsAt: zonedTime(addDays(today, day + 1), '00:00', timezone)
			});
		}
	}
	await db.userLanguage.createMany({ data: languages });
	await db.userSkill.createMany({ data: skills });
	await db.zonePreference.createMany({ data: preferences });
	await db.availabilityWindow.createMany({ data: availability });
	const active = volunteers.filter((person) => person.status === 'ACTIVE');
	await db.operationMember.createMany({ data: active.map((person) => ({ operationId, userId: person.id })) });

	// The demo volunteer: a full profile, verified first aid, on the way to the North Plaza.
	const demo = users.VOLUNTEER;
	await db.user.update({ where: { id: demo }, data: { phone: '+8613800138000' } });
	await db.user.update({ where: { id: users.ORGANIZER }, data: { phone: '+8613800138001' } });
	await db.volunteerProfile.update({
		where: { userId: demo },
		data: {
			birthDate: new Date('1995-04-18'),
			emergencyContactName: 'Wang Lei',
			emergencyContactPhone: '+8613800138999',
			consentAt: now
		}
	});
	await db.userLanguage.createMany({ data: ['zh', 'en'].map((code) => ({ userId: demo, code })) });
	await db.userSkill.createMany({
		data: [
			{ userId: demo, skill: 'FIRST_AID', verifiedAt: now, verifiedById: users.ORGANIZER },
			{ userId: demo, skill: 'RADIO' }
		]
	});
	await db.zonePreference.create({ data: { userId: demo, zoneId: zones[0].id } });

	// Three days of shifts, made as bulk batches: routes in three walks a day, posts in two halves.
	const patterns = [
		...input.routes.flatMap((route) =>
			(
				[
					['08:00', '12:00'],
					['12:30', '16:30'],
					['17:00', '21:00']
				] as const
			).map(([from, to]) => ({ route, post: null, from, to, headcount: 3 }))
		),
		...input.posts.flatMap((post) =>
			(
				[
					['08:00', '14:00'],
					['14:00', '20:00']
				] as const
			).map(([from, to]) => ({ route: null, post, from, to, headcount: 2 }))
		)
	];
	const shiftRows: {
		operationId: string;
		batchId: string;
		routeId: string | null;
		postId: string | null;
		startsAt: Date;
		endsAt: Date;
		headcount: number;
		minAge: number | null;
		instructions: string | null;
		zoneId: string | null;
		requirement: { kind: 'SKILL' | 'LANGUAGE'; code: string } | null;
	}[] = [];
	for (const pattern of patterns) {
		const place = pattern.route ?? pattern.post!;
		const batch = await db.shiftBatch.create({
			data: {
				operationId,
				createdById: users.ORGANIZER,
				label: `${place.name} ${pattern.from}–${pattern.to} ×${pattern.headcount} (${today} → ${addDays(today, 2)})`
			}
		});
		for (let day = 0; day < 3; day++) {
			const date = addDays(today, day);
			shiftRows.push({
				operationId,
				batchId: batch.id,
				routeId: pattern.route?.id ?? null,
				postId: pattern.post?.id ?? null,
				startsAt: zonedTime(date, pattern.from, timezone),
				endsAt: zonedTime(date, pattern.to, timezone),
				headcount: pattern.headcount,
				// Evening walks are for adults; the first-aid post needs verified first aid, the desk English.
				minAge: pattern.route && pattern.from === '17:00' ? 18 : null,
				instructions: pattern.route ? 'Walk the route in order and check in at every checkpoint.' : null,
				zoneId: place.zoneId,
				requirement: place.name.includes('First Aid')
					? { kind: 'SKILL', code: 'FIRST_AID' }
					: place.name.includes('Information')
						? { kind: 'LANGUAGE', code: 'en' }
						: null
			});
		}
	}
	const shifts = await db.shift.createManyAndReturn({
		data: shiftRows.map(({ zoneId: _zone, requirement: _requirement, ...row }) => row),
		select: { id: true, startsAt: true, endsAt: true, headcount: true }
	});
	await db.shiftRequirement.createMany({
		data: shifts.flatMap((shift, i) => {
			const requirement = shiftRows[i].requirement;
			return requirement ? [{ shiftId: shift.id, ...requirement }] : [];
		})
	});

	// Fill about three places in four with the fill proposal; shifts already under way are filled
	// too, as they were before they started.
	const fillable: FillShift[] = shifts.map((shift, i) => ({
		id: shift.id,
		startsAt: shift.startsAt,
		endsAt: shift.endsAt,
		open: i % 4 === 3 ? shift.headcount - 1 : shift.headcount,
		zoneId: shiftRows[i].zoneId,
		taken: [],
		requirements: {
			skills: shiftRows[i].requirement?.kind === 'SKILL' ? [shiftRows[i].requirement!.code] : [],
			languages: shiftRows[i].requirement?.kind === 'LANGUAGE' ? [shiftRows[i].requirement!.code] : [],
			minAge: shiftRows[i].minAge
		}
	}));
	const pool: FillPerson[] = active.map((person) => ({
		id: person.id,
		skills: skills
			.filter((s) => s.userId === person.id)
			.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
		languages: languages.filter((l) => l.userId === person.id).map((l) => l.code),
		birthDate: profiles.find((p) => p.userId === person.id)!.birthDate,
		availability: availability.filter((a) => a.userId === person.id),
		schedule: [],
		shiftCount: 0,
		preferredZones: preferences.filter((p) => p.userId === person.id).map((p) => p.zoneId)
	}));
	const { proposals } = proposeFill(fillable, pool, { timezone, minRestMinutes: 480, maxMinutesPerDay: 600 });
	// Only some volunteers are rostered yet: the rest show "shifts I can take" and the fill proposal.
	const rostered = proposals.filter((_, i) => i % 5 !== 4);
	await db.assignment.createMany({
		data: rostered.map((pair) => ({ ...pair, status: 'ASSIGNED' as const, assignedById: users.ORGANIZER }))
	});
	const leaders = new Map<string, string>();
	for (const pair of rostered) if (!leaders.has(pair.shiftId)) leaders.set(pair.shiftId, pair.userId);
	for (const [shiftId, leaderId] of leaders)
		await db.shift.update({ where: { id: shiftId }, data: { leaderId } });

	// The demo volunteer's own shifts get a team, and two people ask to leave theirs.
	const demoShifts = await db.shift.findMany({
		where: { assignments: { some: { userId: demo } } },
		select: { id: true }
	});
	const busy = new Set(rostered.map((pair) => pair.userId));
	const free = active.filter((person) => !busy.has(person.id));
	let next = 0;
	for (const shift of demoShifts) {
		await db.assignment.createMany({
			data: free
				.slice(next, next + 2)
				.map((person) => ({ shiftId: shift.id, userId: person.id, assignedById: users.ORGANIZER }))
		});
		next += 2;
	}
	const later = rostered.filter(
		(pair) => shifts.find((s) => s.id === pair.shiftId)!.startsAt > addHours(now, 24)
	);
	for (const [index, pair] of later.slice(0, 2).entries()) {
		const assignment = await db.assignment.findUniqueOrThrow({ where: { shiftId_userId: pair } });
		await db.shiftRequest.create({
			data: {
				assignmentId: assignment.id,
				shiftId: pair.shiftId,
				userId: pair.userId,
				kind: 'DROP',
				reason: index === 0 ? 'Family matter that afternoon' : 'Exam rescheduled'
			}
		});
	}
}

const addHours = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);
