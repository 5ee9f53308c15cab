import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText, translate } from './i18n';

// Two inlang projects share messages/<locale>/: the volunteers' interface (project.inlang: en, zh,
// th, vi) and the guests' pages and phrase cards (guest.inlang: eleven languages). Each project's
// files must hold every key in every one of its languages.
const root = join(import.meta.dirname, '../..');
const PROJECTS = ['project.inlang', 'guest.inlang'];

type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
type Message = string | Variant[];
type Catalogue = Record<string, Message>;

interface Project {
	name: string;
	locales: string[];
	files: string[];
}

async function project(name: string): Promise<Project> {
	const settings = JSON.parse(await readFile(join(root, name, 'settings.json'), 'utf8'));
	const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
	return {
		name,
		locales: settings.locales,
		files: patterns.map((pattern) => pattern.replace('./messages/{locale}/', ''))
	};
}

async function catalogue(locale: string, file: string): Promise<Catalogue> {
	try {
		const { $schema: _schema, ...messages } = JSON.parse(
			await readFile(join(root, 'messages', locale, file), 'utf8')
		);
		return messages;
	} catch (caught) {
		if ((caught as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw caught;
	}
}

/** Every catalogue of a project: locale → file → messages. */
async function catalogues(p: Project) {
	const all: Record<string, Record<string, Catalogue>> = {};
	for (const locale of p.locales) {
		all[locale] = {};
		for (const file of p.files) all[locale][file] = await catalogue(locale, file);
	}
	return all;
}

const texts = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));

/** The inputs a message takes: its placeholders, or its declared inputs. */
function inputs(message: Message): string[] {
	if (typeof message === 'string')
		return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
	const declared = message.flatMap((variant) => variant.declarations ?? []);
	const locals = new Set(declared.filter((d) => d.startsWith('local ')).map((d) => d.split(/\s+/)[1]));
	const named = new Set(declared.filter((d) => d.startsWith('input ')).map((d) => d.split(/\s+/)[1]));
	for (const text of texts(message)) {
		for (const [, name] of text.matchAll(/\{(\w+)\}/g)) if (!locals.has(name)) named.add(name);
	}
	return [...named].sort();
}

/** The plural categories a message covers, or null when it does not select on a plural. */
function pluralCategories(message: Message): string[] | null {
	if (typeof message === 'string') return null;
	const plural = message[0]?.declarations?.find((d) => /=\s*\w+:\s*plural\b/.test(d));
	if (!plural) return null;
	const name = plural.split(/\s+/)[1];
	return Object.keys(message[0].match).map(
		(key) =>
			key
				.split(',')
				.find((part) => part.startsWith(`${name}=`))
				?.split('=')[1] ?? '*'
	);
}

describe.each(PROJECTS)('message catalogues of %s', (name) => {
	it('hold every key in every language (the failure lists what is missing where)', async () => {
		const p = await project(name);
		const all = await catalogues(p);
		const missing: string[] = [];
		for (const file of p.files) {
			const keys = new Set(p.locales.flatMap((locale) => Object.keys(all[locale][file])));
			for (const locale of p.locales) {
				const absent = [...keys].filter((key) => !(key in all[locale][file])).sort();
				if (absent.length)
					missing.push(`messages/${locale}/${file} lacks ${absent.length}: ${absent.join(', ')}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('define no key twice and leave no translation empty', async () => {
		const p = await project(name);
		const all = await catalogues(p);
		const problems: string[] = [];
		for (const locale of p.locales) {
			const seen = new Map<string, string>();
			for (const file of p.files) {
				for (const [key, message] of Object.entries(all[locale][file])) {
					if (seen.has(key)) problems.push(`${locale}: ${key} is in ${seen.get(key)} and ${file}`);
					seen.set(key, file);
					if (texts(message).some((text) => !text.trim()))
						problems.push(`${locale}/${file}: ${key} is empty`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('give every translation the same placeholders as English', async () => {
		const p = await project(name);
		const all = await catalogues(p);
		const problems: string[] = [];
		for (const file of p.files) {
			for (const [key, english] of Object.entries(all.en[file])) {
				for (const locale of p.locales) {
					const message = all[locale][file][key];
					if (message !== undefined && inputs(message).join() !== inputs(english).join()) {
						problems.push(`${locale}/${file}: ${key} has {${inputs(message).join('} {')}}`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('say counts with the plural forms of each language, never as "1 shifts"', async () => {
		const p = await project(name);
		const all = await catalogues(p);
		const problems: string[] = [];
		for (const locale of p.locales) {
			const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
			for (const file of p.files) {
				for (const [key, message] of Object.entries(all[locale][file])) {
					const covered = pluralCategories(message);
					if (covered === null) {
						if (inputs(message).includes('count'))
							problems.push(`${locale}/${file}: ${key} counts without plural forms`);
						continue;
					}
					const lacking = covered.includes('*')
						? []
						: needed.filter((category) => !covered.includes(category));
					if (lacking.length) problems.push(`${locale}/${file}: ${key} lacks the ${lacking.join(', ')} form`);
				}
			}
		}
		expect(problems).toEqual([]);
	});
});

/** Numbers that are limits set in code, never 1 ("at least {min} characters"). */
const NEVER_ONE = new Set([
	'signup_password_hint',
	'error_password_short',
	'error_password_long',
	'error_text_long',
	'welcome_link_intro',
	'error_patrol_too_early',
	'error_shift_too_long',
	'error_batch_too_long',
	'error_roster_too_many_rows'
]);
const NOUNS =
	/\{(\w+)\}\s+(?:open\s+)?(places|shifts|zones|routes|posts|checkpoints|minutes|hours|days|alerts|people|volunteers|characters|rows|reports|items|messages|check-ins)\b/;

describe('English counts', () => {
	it('select a plural form wherever a number is followed by a plural noun ("1 places")', async () => {
		const p = await project('project.inlang');
		const problems: string[] = [];
		for (const file of p.files) {
			for (const [key, message] of Object.entries(await catalogue('en', file))) {
				if (typeof message !== 'string' || NEVER_ONE.has(key)) continue;
				const found = message.match(NOUNS);
				if (found) problems.push(`${file}: ${key} says "{${found[1]}} ${found[2]}" without plural forms`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('read right for one and for many', () => {
		expect(translate('pods_places', { capacity: 1 })).toBe('1 place');
		expect(translate('pods_places', { capacity: 4 })).toBe('4 places');
		expect(translate('team_link', { count: 1 })).toBe('Your team (1 shift you lead)');
		expect(translate('team_alerts', { count: 1 })).toBe('1 alert');
		expect(translate('team_alerts', { count: 2 })).toBe('2 alerts');
		expect(translate('shift_places_left', { free: 0, headcount: 1 })).toBe('0 of 1 place free');
		expect(translate('fill_summary', { proposed: 1, open: 1, volunteers: 3 })).toBe(
			'1 of 1 open place can be filled from 3 volunteers.'
		);
		expect(translate('operations_zones', { count: 1 })).toBe('1 zone');
	});
});

describe('message lookup', () => {
	it('looks up messages by key and falls back for unknown error codes', () => {
		expect(translate('role_ORGANIZER')).toBe('Organizer');
		expect(translate('no_such_key')).toBeUndefined();
		expect(errorText('too_many_attempts', { minutes: 3 })).toBe(
			'Too many failed sign-in attempts. Try again in 3 min.'
		);
		expect(errorText('no_such_code')).toBe('Something went wrong on our side. Please try again.');
	});
});
