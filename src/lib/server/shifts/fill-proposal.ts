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
}

/** A cheap, stable pseudo-random number for ties, so the same people do not always win them. */
function tieBreak(a: string, b: string): number {
	let hash = 2166136261;
	for (const text of [a, b]) {
		for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
	}
	return hash >>> 0;
}

export function proposeFill(shifts: FillShift[], people: FillPerson[], rules: RosterRules): FillResult {
	const withDays = (interval: Interval): Interval => ({
		...interval,
		days: interval.days ?? minutesByDay([interval], rules.timezone)
	});
	const loads = people.map<Load>((person) => ({
		person,
		schedule: person.schedule.map(withDays),
		count: person.shiftCount,
		minutes: person.schedule.reduce((sum, s) => sum + minutesOf(s), 0)
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
			let best: Load | null = null;
			let bestKey: number[] = [];
			for (const load of entry.candidates) {
				const key = [
					load.count,
					shift.zoneId && load.person.preferredZones.includes(shift.zoneId) ? 0 : 1,
					load.minutes,
					tieBreak(load.person.id, shift.id)
				];
				if (best && !lessThan(key, bestKey)) continue;
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

function lessThan(a: number[], b: number[]): boolean {
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i]) return a[i] < b[i];
	}
	return false;
}
