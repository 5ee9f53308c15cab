import { describe, expect, it } from 'vitest';
import { proposeFill, type FillPerson, type FillShift } from './fill-proposal';
import { isAvailable, qualificationProblem, scheduleProblem, type Interval, type RosterRules } from './rules';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const rules: RosterRules = { timezone: TZ, minRestMinutes: 8 * 60, maxMinutesPerDay: 10 * 60 };
const base = new Date('2026-12-01T00:00:00+08:00').getTime();

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}

function population(seed: number, people: number, shifts: number) {
	const rand = random(seed);
	const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
	const zones = ['z1', 'z2', 'z3'];
	const generatedShifts: FillShift[] = Array.from({ length: shifts }, (_, i) => {
		const day = Math.floor(rand() * 3);
		const start = base + day * 24 * HOUR + pick([6, 8, 10, 14, 18]) * HOUR;
		return {
			id: `s${i}`,
			startsAt: new Date(start),
			endsAt: new Date(start + pick([3, 4, 6]) * HOUR),
			open: 1 + Math.floor(rand() * 4),
			zoneId: pick(zones),
			taken: [],
			requirements: {
				skills: rand() < 0.15 ? ['FIRST_AID'] : [],
				languages: rand() < 0.2 ? ['en'] : [],
				minAge: rand() < 0.1 ? 18 : null
			}
		};
	});
	const generatedPeople: FillPerson[] = Array.from({ length: people }, (_, i) => {
		const availability: Interval[] = [];
		if (rand() < 0.4) {
			const day = Math.floor(rand() * 3);
			availability.push({
				startsAt: new Date(base + day * 24 * HOUR + 6 * HOUR),
				endsAt: new Date(base + day * 24 * HOUR + 22 * HOUR)
			});
		}
		return {
			id: `p${i}`,
			skills: rand() < 0.2 ? [{ skill: 'FIRST_AID', verified: rand() < 0.7 }] : [],
			languages: rand() < 0.4 ? ['zh', 'en'] : ['zh'],
			birthDate: rand() < 0.15 ? new Date('2010-01-01') : new Date('1990-01-01'),
			availability,
			schedule: [],
			shiftCount: 0,
			preferredZones: [pick(zones)]
		};
	});
	return { shifts: generatedShifts, people: generatedPeople };
}

const eligible = (person: FillPerson, shift: FillShift) =>
	isAvailable(shift, person.availability) &&
	qualificationProblem(person, shift.requirements, shift.startsAt) === null;

describe('the fill proposal', () => {
	for (const seed of [1, 7, 42]) {
		it(`honours qualifications, availability and every rule (population ${seed})`, () => {
			const { shifts, people } = population(seed, 150, 120);
			const { proposals, unfilled } = proposeFill(shifts, people, rules);
			expect(proposals.length).toBeGreaterThan(100);

			const shiftById = new Map(shifts.map((s) => [s.id, s]));
			const personById = new Map(people.map((p) => [p.id, p]));
			const schedules = new Map<string, Interval[]>();
			const perShift = new Map<string, number>();
			for (const { shiftId, userId } of proposals) {
				const shift = shiftById.get(shiftId)!;
				const person = personById.get(userId)!;
				expect(eligible(person, shift), `${userId} on ${shiftId}`).toBe(true);
				const mine = schedules.get(userId) ?? [];
				expect(scheduleProblem(shift, mine, rules), `${userId} on ${shiftId}`).toBeNull();
				mine.push(shift);
				schedules.set(userId, mine);
				perShift.set(shiftId, (perShift.get(shiftId) ?? 0) + 1);
			}
			for (const shift of shifts) {
				const left = unfilled.find((u) => u.shiftId === shift.id)?.open ?? 0;
				expect((perShift.get(shift.id) ?? 0) + left).toBe(shift.open);
			}
		});

		it(`gives nobody a third shift while someone eligible for it has none (population ${seed})`, () => {
			const { shifts, people } = population(seed, 150, 120);
			const { proposals } = proposeFill(shifts, people, rules);
			const shiftById = new Map(shifts.map((s) => [s.id, s]));
			const onShift = new Map<string, Set<string>>();
			const counts = new Map<string, number>();
			let thirdShifts = 0;
			// Proposals come in the order they were decided: replay them.
			for (const { shiftId, userId } of proposals) {
				const shift = shiftById.get(shiftId)!;
				const count = counts.get(userId) ?? 0;
				if (count >= 2) {
					thirdShifts++;
					const idle = people.find(
						(p) => !counts.get(p.id) && !onShift.get(shiftId)?.has(p.id) && eligible(p, shift)
					);
					expect(
						idle,
						`${userId} got shift ${count + 1} (${shiftId}) while ${idle?.id} had none`
					).toBeUndefined();
				}
				counts.set(userId, count + 1);
				onShift.set(shiftId, (onShift.get(shiftId) ?? new Set()).add(userId));
			}
			// The population is small enough that some people do get a third shift: the check bites.
			expect(thirdShifts).toBeGreaterThan(0);
		});
	}

	it('spreads shifts evenly among people eligible for the same work', () => {
		const people: FillPerson[] = Array.from({ length: 10 }, (_, i) => ({
			id: `p${i}`,
			skills: [],
			languages: ['zh'],
			birthDate: null,
			availability: [],
			schedule: [],
			shiftCount: 0,
			preferredZones: []
		}));
		const shifts: FillShift[] = Array.from({ length: 20 }, (_, i) => {
			const start = base + Math.floor(i / 2) * 12 * HOUR;
			return {
				id: `s${i}`,
				startsAt: new Date(start),
				endsAt: new Date(start + 4 * HOUR),
				open: 1,
				zoneId: null,
				taken: [],
				requirements: { skills: [], languages: [], minAge: null }
			};
		});
		const { proposals, unfilled } = proposeFill(shifts, people, rules);
		expect(unfilled).toEqual([]);
		const counts = people.map((p) => proposals.filter((x) => x.userId === p.id).length);
		expect(Math.max(...counts) - Math.min(...counts)).toBe(0);
	});

	it('counts shifts people already have, and keeps a rare skill for the shift that needs it', () => {
		const person = (id: string, extra: Partial<FillPerson> = {}): FillPerson => ({
			id,
			skills: [],
			languages: ['zh'],
			birthDate: null,
			availability: [],
			schedule: [],
			shiftCount: 0,
			preferredZones: [],
			...extra
		});
		const slot = (id: string, skills: string[] = []): FillShift => ({
			id,
			startsAt: new Date(base + 8 * HOUR),
			endsAt: new Date(base + 12 * HOUR),
			open: 1,
			zoneId: null,
			taken: [],
			requirements: { skills, languages: [], minAge: null }
		});
		const busy = person('busy', {
			shiftCount: 2,
			schedule: [
				{ startsAt: new Date(base + 2 * 24 * HOUR), endsAt: new Date(base + 2 * 24 * HOUR + 4 * HOUR) }
			]
		});
		const medic = person('medic', { skills: [{ skill: 'FIRST_AID', verified: true }] });
		const { proposals } = proposeFill(
			[slot('plain'), slot('aid', ['FIRST_AID'])],
			[busy, medic, person('idle')],
			rules
		);
		expect(proposals).toContainEqual({ shiftId: 'aid', userId: 'medic' });
		expect(proposals).toContainEqual({ shiftId: 'plain', userId: 'idle' });
	});

	it('prefers people who chose the shift’s zone when shifts are equal', () => {
		const people: FillPerson[] = ['a', 'b', 'c'].map((id) => ({
			id,
			skills: [],
			languages: [],
			birthDate: null,
			availability: [],
			schedule: [],
			shiftCount: 0,
			preferredZones: id === 'c' ? ['north'] : []
		}));
		const { proposals } = proposeFill(
			[
				{
					id: 'n',
					startsAt: new Date(base),
					endsAt: new Date(base + HOUR),
					open: 1,
					zoneId: 'north',
					taken: [],
					requirements: { skills: [], languages: [], minAge: null }
				}
			],
			people,
			rules
		);
		expect(proposals).toEqual([{ shiftId: 'n', userId: 'c' }]);
	});
});
