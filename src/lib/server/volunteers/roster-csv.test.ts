import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster-csv';

describe('reading a roster file', () => {
	it('reads English or Chinese headers, lists and names of skills and languages', () => {
		const { rows, problems } = parseRoster(
			'\uFEFF姓名,手机,邮箱,语言,技能,区域\n李娜,+86 138 0013 8000,Li.Na@Example.org,"中文; English",first aid;Radio,North Plaza;Metro Hub\n'
		);
		expect(problems).toEqual([]);
		expect(rows).toEqual([
			{
				line: 2,
				name: '李娜',
				phone: '+8613800138000',
				email: 'li.na@example.org',
				languages: ['zh', 'en'],
				skills: ['FIRST_AID', 'RADIO'],
				zones: ['North Plaza', 'Metro Hub']
			}
		]);
	});

	it('reads skill and language values written in Chinese, as the app names them', () => {
		const { rows, problems } = parseRoster(
			'姓名,邮箱,语言,技能\n王芳,wang@example.org,英语、日语,急救；对讲机操作\n'
		);
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({ languages: ['en', 'ja'], skills: ['FIRST_AID', 'RADIO'] });
	});

	it('reads skill names in English as the app shows them, whatever their case', () => {
		const { rows, problems } = parseRoster(
			'name,email,skills\nAna,ana@example.org,Driving licence; heavy lifting\n'
		);
		expect(problems).toEqual([]);
		expect(rows[0].skills).toEqual(['DRIVING', 'LIFTING']);
	});

	it('reports every bad cell with its line, and a repeated email', () => {
		const { problems } = parseRoster(
			[
				'name,phone,email,languages,skills',
				'Good Person,+8613800000001,good@example.org,zh,',
				'X,12345,not-an-email,klingon,juggling',
				'Copy,,good@example.org,,'
			].join('\n')
		);
		expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
			[3, 'name', 'roster_name_invalid'],
			[3, 'email', 'roster_email_invalid'],
			[3, 'phone', 'roster_phone_invalid'],
			[3, 'languages', 'roster_language_unknown'],
			[3, 'skills', 'roster_skill_unknown'],
			[4, 'email', 'roster_email_repeated']
		]);
		expect(problems[5].params).toEqual({ line: 2 });
	});

	it('refuses a file without the needed columns or rows', () => {
		expect(parseRoster('phone\n+8613800000001').problems.map((p) => p.code)).toEqual([
			'roster_column_missing',
			'roster_column_missing'
		]);
		expect(parseRoster('name,email\n').problems.map((p) => p.code)).toEqual(['roster_empty']);
	});
});
