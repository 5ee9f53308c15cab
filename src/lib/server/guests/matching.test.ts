import { describe, expect, it } from 'vitest';
import { matchScore, suggestMatches, terms, type MatchItem } from './matching';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 1, hour));
const item = (
	id: string,
	description: string,
	hour: number,
	zoneId: string | null = 'hall-3'
): MatchItem => ({
	id,
	description,
	place: null,
	zoneId,
	happenedAt: at(hour)
});

describe('lost and found matching', () => {
	it('reads words without accents or case, and pairs of characters in scripts without spaces', () => {
		expect(terms('Black WALLET, Đồng hồ')).toEqual(new Set(['black', 'wallet', 'dong']));
		expect(terms('黑色钱包')).toEqual(new Set(['黑色', '色钱', '钱包']));
	});

	it('ranks the item with the same words in the same zone first', () => {
		const lost = item('lost', 'black leather wallet with a red card', 10);
		const candidates = [
			item('umbrella', 'blue umbrella', 11),
			item('wallet-other-hall', 'black wallet', 11, 'hall-1'),
			item('wallet', 'black leather wallet', 11)
		];
		expect(suggestMatches(lost, 'LOST', candidates).map((c) => c.id)).toEqual([
			'wallet',
			'wallet-other-hall',
			'umbrella'
		]);
	});

	it('matches Chinese descriptions to each other', () => {
		const lost = item('lost', '黑色钱包', 10);
		expect(matchScore(lost, item('a', '一个黑色的钱包', 11))).toBeGreaterThan(
			matchScore(lost, item('b', '蓝色雨伞', 11))
		);
	});

	it('never offers an item found well before the loss', () => {
		const lost = item('lost', 'black wallet', 15);
		expect(matchScore(lost, item('early', 'black wallet', 12))).toBe(0);
		expect(matchScore(lost, item('slack', 'black wallet', 14))).toBeGreaterThan(0);
	});

	it('works from the found side too, and leaves out what scores nothing', () => {
		const found = item('found', 'red phone', 12, 'hall-2');
		const lost = [item('phone', 'red phone', 11, 'hall-2'), item('far', 'keys', 1, 'hall-9')];
		expect(suggestMatches(found, 'FOUND', lost).map((c) => c.id)).toEqual(['phone']);
	});
});
