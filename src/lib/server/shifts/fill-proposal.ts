// The fill proposal, as a pure function over plain data: which qualified, available person takes
// each open slot. Fairness comes first: every slot goes to an eligible person with the fewest
// shifts so far (then a preference for the shift's zone, then the fewest minutes), so nobody gets
// a third shift while someone eligible for that slot has none.
import {
	isAvailable,
	minutesByDay,
	minutesOf,
	qualificationProblem,
	scheduleProblem,
	type Interval,
	type Qualifications,
	type Requirements,
	type RosterRules
} from './rules';

export interface FillShift extends Interval {
	id: string;
	/** Places still free. */
	open: number;
	requirements: Requirements;
	zoneId: string | null;
	/** People already on it (or waiting for it), who cannot take a second place. */
	taken: string[];
}

export interface FillPerson extends Qualifications {
	id: string;
	availability: Interval[];
	/** Shifts the person already has (any operation): they count for the rules. */
	schedule: Interval[];
	/** How many of those are in this operation: they count for fairness. */
	shiftCount: number;
	preferredZones: string[];
}

export interface FillResult {
	proposals: { shiftId: string; userId: string }[];
	/** Slots nobody eligible could take. */
	unfilled: { shiftId: string; open: number }[];
}

interface Load {
	person: FillPerson;
	schedule: Interval[];
	count: number;
	minutes: number;
	zones: Set<string>;
	hash: number;
}

/** FNV-1a: a stable number per id, mixed per shift to break ties so the same people do not always win them. */
function hashOf(text: string): number {
	let hash = 2166136261;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
	return hash >>> 0;
}

// One number orders candidates: shifts so far, then zone preference, then minutes, then the tie
// breaker. Each part has its own range of bits, well inside a double's 53.
const COUNT = 2 ** 41;
const ELSEWHERE = 2 ** 40;
const MINUTE = 2 ** 20;

export function proposeFill(shifts: FillShift[], people: FillPerson[], rules: RosterRules): FillResult {
	const withDays = (interval: Interval): Interval => ({
		...interval,
		days: interval.days ?? minutesByDay([interval], rules.timezone)
	});
	const loads = people.map<Load>((person) => ({
		person,
		schedule: person.schedule.map(withDays),
		count: person.shiftCount,
		minutes: person.schedule.reduce((sum, s) => sum + minutesOf(s), 0),
		zones: new Set(person.preferredZones),
		hash: hashOf(person.id)
	}));

	const open = shifts
		.filter((shift) => shift.open > 0)
		.map((shift) => {
			const interval = withDays(shift);
			const taken = new Set(shift.taken);
			const candidates = loads.filter(
				({ person }) =>
					!taken.has(person.id) &&
					isAvailable(shift, person.availability) &&
					qualificationProblem(person, shift.requirements, shift.startsAt) === null
			);
			return { shift, interval, candidates, left: shift.open, exhausted: false };
		})
		// The scarcest shifts choose first, so that a rare skill is not spent on an easy slot.
		.sort(
			(a, b) =>
				a.candidates.length / a.shift.open - b.candidates.length / b.shift.open ||
				a.shift.startsAt.getTime() - b.shift.startsAt.getTime()
		);

	const proposals: FillResult['proposals'] = [];
	// Rounds of one slot per shift, so every shift gets its first person before any gets its fourth.
	let progress = true;
	while (progress) {
		progress = false;
		for (const entry of open) {
			if (entry.left === 0 || entry.exhausted) continue;
			const { shift, interval } = entry;
			const minutes = minutesOf(shift);
			const salt = hashOf(shift.id);
			let best: Load | null = null;
			let bestKey = Infinity;
			for (const load of entry.candidates) {
				const key =
					load.count * COUNT +
					(shift.zoneId && load.zones.has(shift.zoneId) ? 0 : ELSEWHERE) +
					Math.min(load.minutes, 2 ** 19) * MINUTE +
					(((load.hash ^ salt) >>> 0) % MINUTE);
				if (key >= bestKey) continue;
				if (scheduleProblem(interval, load.schedule, rules)) continue;
				best = load;
				bestKey = key;
			}
			if (!best) {
				entry.exhausted = true;
				continue;
			}
			best.schedule.push(interval);
			best.count++;
			best.minutes += minutes;
			entry.left--;
			proposals.push({ shiftId: shift.id, userId: best.person.id });
			progress = true;
		}
	}
	return {
		proposals,
		unfilled: open.filter((e) => e.left > 0).map((e) => ({ shiftId: e.shift.id, open: e.left }))
	};
}
