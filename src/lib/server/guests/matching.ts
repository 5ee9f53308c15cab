// Which found items may be a lost one (and the other way round): pure scoring, no I/O.
// Descriptions are compared by their words (Latin letters without accents) and, for scripts
// written without spaces (Chinese, Thai, Khmer...), by pairs of neighbouring characters. The same
// zone and a found time not long before the loss count too; an item found well before it was lost
// is not a match.

export interface MatchItem {
	id: string;
	description: string;
	place: string | null;
	zoneId: string | null;
	happenedAt: Date;
}

const HOUR = 60 * 60 * 1000;
/** Clocks and memories are vague: "found" may be stated a little before "lost". */
const FOUND_BEFORE_LOST_SLACK = 2 * HOUR;

export function terms(text: string): Set<string> {
	const plain = text
		.normalize('NFD')
		.replace(/\p{Mn}/gu, '')
		.toLowerCase()
		.replace(/đ/g, 'd');
	const found = new Set<string>();
	for (const word of plain.match(/\p{Script=Latin}{3,}|\d{2,}/gu) ?? []) found.add(word);
	for (const run of plain.match(/[^\p{Script=Latin}\p{P}\p{S}\p{Z}\d\s]+/gu) ?? []) {
		const chars = [...run];
		if (chars.length === 1) found.add(run);
		for (let i = 0; i + 1 < chars.length; i++) found.add(chars[i] + chars[i + 1]);
	}
	return found;
}

function similarity(a: Set<string>, b: Set<string>): number {
	if (!a.size || !b.size) return 0;
	let shared = 0;
	for (const term of a) if (b.has(term)) shared++;
	return shared / (a.size + b.size - shared);
}

/** 0 when `found` cannot be `lost`; higher is likelier. */
export function matchScore(lost: MatchItem, found: MatchItem): number {
	if (found.happenedAt.getTime() < lost.happenedAt.getTime() - FOUND_BEFORE_LOST_SLACK) return 0;
	const text = (item: MatchItem) => terms(`${item.description} ${item.place ?? ''}`);
	let score = 10 * similarity(text(lost), text(found));
	if (lost.zoneId && lost.zoneId === found.zoneId) score += 2;
	if (Math.abs(found.happenedAt.getTime() - lost.happenedAt.getTime()) <= 12 * HOUR) score += 1;
	return score;
}

/** Only the time fitting is no reason to suggest anything: words or the zone must agree too. */
const MIN_SCORE = 2;

/** The best candidates on the other side for `item`, best first. */
export function suggestMatches<T extends MatchItem>(
	item: MatchItem,
	itemKind: 'LOST' | 'FOUND',
	candidates: T[],
	limit = 5
): (T & { score: number })[] {
	return candidates
		.map((candidate) => ({
			...candidate,
			score: itemKind === 'LOST' ? matchScore(item, candidate) : matchScore(candidate, item)
		}))
		.filter((candidate) => candidate.score >= MIN_SCORE)
		.sort((a, b) => b.score - a.score || b.happenedAt.getTime() - a.happenedAt.getTime())
		.slice(0, limit);
}
