import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText, translate } from './i18n';

const root = join(import.meta.dirname, '../../messages');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

async function catalogue(locale: string): Promise<Record<string, string>> {
	const merged: Record<string, string> = {};
	for (const file of (await readdir(join(root, locale))).sort()) {
		const { $schema: _schema, ...messages } = JSON.parse(await readFile(join(root, locale, file), 'utf8'));
		for (const key of Object.keys(messages)) {
			expect(merged, `${key} is defined twice in ${locale}`).not.toHaveProperty(key);
		}
		Object.assign(merged, messages);
	}
	return merged;
}

describe('message catalogues', () => {
	it('translate every English message into Simplified Chinese with the same placeholders', async () => {
		const en = await catalogue('en');
		const zh = await catalogue('zh');
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		for (const key of Object.keys(en)) {
			expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
			expect(zh[key].trim(), key).not.toBe('');
		}
	});

	it('keep message files per domain with the same names in each language', async () => {
		expect((await readdir(join(root, 'zh'))).sort()).toEqual((await readdir(join(root, 'en'))).sort());
	});

	it('look up messages by key and fall back for unknown error codes', () => {
		expect(translate('role_ORGANIZER')).toBe('Organizer');
		expect(translate('no_such_key')).toBeUndefined();
		expect(errorText('too_many_attempts', { minutes: 3 })).toBe(
			'Too many failed sign-in attempts. Try again in 3 min.'
		);
		expect(errorText('no_such_code')).toBe('Something went wrong on our side. Please try again.');
	});
});
