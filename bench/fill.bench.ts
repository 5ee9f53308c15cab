// The fill proposal at event scale: 5,000 volunteers and 1,000 shifts over three days. Prints the
// time of the proposal itself and of the whole database path (load + propose) on SQLite, next to a
// first-fit baseline measured in the same run (the first eligible person takes each slot, no
// fairness), and the spread of hours each produces among the people eligible for any shift.
import { fixed, useScratchDatabase } from './support';

const scratch = await useScratchDatabase();
const { db } = await import('../src/lib/server/db');
const { proposeFill } = await import('../src/lib/server/shifts/fill-proposal');
const { buildFillProposal } = await import('../src/lib/server/shifts/fill');
const rules = await import('../src/lib/server/shifts/rules');
type FillPerson = import('../src/lib/server/shifts/fill-proposal').FillPerson;
type FillShift = import('../src/lib/server/shifts/fill-proposal').FillShift;

const VOLUNTEERS = 5_000;
const SHIFTS = 1_000;
const TZ = 'Asia/Shanghai';
const RULES = { timezone: TZ, minRestMinutes: 480, maxMinutesPerDay: 600 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let seed = 42;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 2 ** 32);
const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];

// Three days from tomorrow 00:00 in Shanghai, so every shift is in the future.
const start = Math.ceil((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR + DAY;
const operation = await db.operation.create({
	data: { name: 'Bench', timezone: TZ, startsAt: new Date(start), endsAt: new Date(start + 3 * DAY) }
});
const zones = await db.zone.createManyAndReturn({
	data: ['A', 'B', 'C', 'D'].map((name) => ({ operationId: operation.id, name })),
	select: { id: true }
});
const posts = await db.post.createManyAndReturn({
	data: Array.from({ length: 20 }, (_, i) => ({
		operationId: operation.id,
		name: `Post ${i}`,
		zoneId: zones[i % 4].id
	})),
	select: { id: true, zoneId: true }
});

const shifts: FillShift[] = Array.from({ length: SHIFTS }, (_, i) => {
	const from = start + Math.floor(rand() * 3) * DAY + pick([6, 8, 10, 12, 14, 16, 18]) * HOUR;
	const post = posts[i % posts.length];
	return {
		id: `s${i}`,
		startsAt: new Date(from),
		endsAt: new Date(from + pick([3, 4, 4, 6]) * HOUR),
		open: 2 + Math.floor(rand() * 5),
		zoneId: post.zoneId,
		taken: [],
		requirements: {
			skills: rand() < 0.1 ? ['FIRST_AID'] : [],
			languages: rand() < 0.15 ? ['en'] : [],
			minAge: rand() < 0.1 ? 18 : null
		}
	};
});
const people: FillPerson[] = Array.from({ length: VOLUNTEERS }, (_, i) => {
	const day = Math.floor(rand() * 3);
	return {
		id: `p${i}`,
		skills: rand() < 0.2 ? [{ skill: 'FIRST_AID', verified: rand() < 0.7 }] : [],
		languages: rand() < 0.4 ? ['zh', 'en'] : ['zh'],
		birthDate: rand() < 0.1 ? new Date(start - 16 * 365 * DAY) : new Date(start - 30 * 365 * DAY),
		availability:
			rand() < 0.3
				? [
						{
							startsAt: new Date(start + day * DAY + 6 * HOUR),
							endsAt: new Date(start + day * DAY + 23 * HOUR)
						}
					]
				: [],
		schedule: [],
		shiftCount: 0,
		preferredZones: [pick(zones).id]
	};
});
const slots = shifts.reduce((sum, s) => sum + s.open, 0);

/** The baseline: each slot goes to the first eligible person in list order who fits the rules. */
function firstFit(): { shiftId: string; userId: string }[] {
	const schedules = new Map<string, import('../src/lib/server/shifts/rules').Interval[]>();
	const proposals = [];
	for (const shift of shifts) {
		const interval = { ...shift, days: rules.minutesByDay([shift], TZ) };
		let left = shift.open;
		for (const person of people) {
			if (left === 0) break;
			if (!rules.isAvailable(shift, person.availability)) continue;
			if (rules.qualificationProblem(person, shift.requirements, shift.startsAt)) continue;
			const mine = schedules.get(person.id) ?? [];
			if (rules.scheduleProblem(interval, mine, RULES)) continue;
			mine.push(interval);
			schedules.set(person.id, mine);
			proposals.push({ shiftId: shift.id, userId: person.id });
			left--;
		}
	}
	return proposals;
}

function timed<T>(work: () => T): { result: T; ms: number } {
	const t = performance.now();
	const result = work();
	return { result, ms: performance.now() - t };
}

/** Hours per person among those eligible for at least one shift. */
function spread(proposals: { shiftId: string; userId: string }[]) {
	const byId = new Map(shifts.map((s) => [s.id, s]));
	const eligible = people.filter((p) =>
		shifts.some(
			(s) =>
				rules.isAvailable(s, p.availability) && !rules.qualificationProblem(p, s.requirements, s.startsAt)
		)
	);
	const hours = new Map(eligible.map((p) => [p.id, 0]));
	for (const { shiftId, userId } of proposals) {
		hours.set(userId, (hours.get(userId) ?? 0) + rules.minutesOf(byId.get(shiftId)!) / 60);
	}
	const values = [...hours.values()].sort((a, b) => a - b);
	const mean = values.reduce((a, b) => a + b, 0) / values.length;
	const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
	const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
	const shiftsPer = new Map<string, number>();
	for (const { userId } of proposals) shiftsPer.set(userId, (shiftsPer.get(userId) ?? 0) + 1);
	return {
		eligible: values.length,
		idle: values.filter((v) => v === 0).length,
		third: [...shiftsPer.values()].filter((n) => n >= 3).length,
		text: `min ${fixed(values[0])} h, median ${fixed(at(0.5))} h, p90 ${fixed(at(0.9))} h, max ${fixed(values.at(-1)!)} h, mean ${fixed(mean)} h, sd ${fixed(sd)} h`
	};
}

// Warm up both (JIT), then measure.
firstFit();
proposeFill(shifts, people, RULES);
const baseline = timed(firstFit);
const fair = timed(() => proposeFill(shifts, people, RULES));

console.log(`volunteers: ${VOLUNTEERS}, shifts: ${SHIFTS}, open slots: ${slots}`);
console.log(`baseline first-fit:     ${fixed(baseline.ms, 0)} ms, ${baseline.result.length} slots filled`);
console.log(`fill proposal (pure):   ${fixed(fair.ms, 0)} ms, ${fair.result.proposals.length} slots filled`);
console.log(`ratio (proposal/baseline): ${fixed(fair.ms / baseline.ms, 2)}`);
for (const [name, proposals] of [
	['first-fit', baseline.result],
	['proposal ', fair.result.proposals]
] as const) {
	const s = spread(proposals);
	console.log(
		`hours (${name}) over ${s.eligible} eligible: ${s.text}; ${s.idle} with none, ${s.third} with 3+ shifts`
	);
}

// The same population through the database: what an organizer waits for on the fill page.
const passwordHash = 'x';
const users = await db.user.createManyAndReturn({
	data: people.map((p) => ({
		email: `${p.id}@bench.invalid`,
		name: p.id,
		passwordHash,
		status: 'ACTIVE' as const
	})),
	select: { id: true, email: true }
});
const userId = new Map(users.map((u) => [u.email.split('@')[0], u.id]));
await db.operationMember.createMany({
	data: users.map((u) => ({ operationId: operation.id, userId: u.id }))
});
await db.volunteerProfile.createMany({
	data: people.map((p) => ({ userId: userId.get(p.id)!, birthDate: p.birthDate }))
});
await db.userLanguage.createMany({
	data: people.flatMap((p) => p.languages.map((code) => ({ userId: userId.get(p.id)!, code })))
});
await db.userSkill.createMany({
	data: people.flatMap((p) =>
		p.skills.map((s) => ({
			userId: userId.get(p.id)!,
			skill: s.skill,
			verifiedAt: s.verified ? new Date() : null
		}))
	)
});
await db.availabilityWindow.createMany({
	data: people.flatMap((p) => p.availability.map((a) => ({ userId: userId.get(p.id)!, ...a })))
});
await db.zonePreference.createMany({
	data: people.map((p) => ({ userId: userId.get(p.id)!, zoneId: p.preferredZones[0] }))
});
const created = await db.shift.createManyAndReturn({
	data: shifts.map((s, i) => ({
		operationId: operation.id,
		postId: posts[i % posts.length].id,
		startsAt: s.startsAt,
		endsAt: s.endsAt,
		headcount: s.open,
		minAge: s.requirements.minAge
	})),
	select: { id: true }
});
await db.shiftRequirement.createMany({
	data: shifts.flatMap((s, i) => [
		...s.requirements.skills.map((code) => ({ shiftId: created[i].id, kind: 'SKILL' as const, code })),
		...s.requirements.languages.map((code) => ({ shiftId: created[i].id, kind: 'LANGUAGE' as const, code }))
	])
});
await buildFillProposal(operation.id);
const t = performance.now();
const fromDb = await buildFillProposal(operation.id);
console.log(
	`fill proposal from SQLite (load + propose): ${fixed(performance.now() - t, 0)} ms, ${fromDb.proposals.length} of ${fromDb.openSlots} slots`
);

await db.$disconnect();
scratch.cleanup();
