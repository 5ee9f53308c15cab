// Every error code the server raises reaches the person as a sentence in their language: the
// code names a message (`error_<code>` in the volunteers' catalogues, `guest_error_<code>` in the
// guests' for what guests' pages show), and a code without one falls back to "Something went
// wrong". The codes are collected from the source, so a new one cannot be forgotten.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!['paraglide', 'paraglide-guest', 'generated'].includes(entry.name))
				found.push(...(await sourceFiles(path)));
		} else if (/\.(ts|js|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
			found.push(path);
		}
	}
	return found;
}

const literals = (text: string) => [...text.matchAll(/'([a-z0-9_]+)'/g)].map((match) => match[1]);

/**
 * Where a code is not written at the raise site, where it comes from instead. A raise site this
 * table does not know fails the test, so that its codes get checked too.
 */
const DYNAMIC: Record<
	string,
	(source: string, read: (path: string) => Promise<string>) => Promise<string[]>
> = {
	// `miss(address, what: 'card' | 'request')` → NotFoundError(what).
	'src/lib/server/guests/help.ts': async (source) =>
		literals(source.match(/what: ('[a-z_]+'(?:\s*\|\s*'[a-z_]+')*)/)?.[1] ?? '').map(
			(what) => `${what}_not_found`
		),
	// `named(work, 'zone_name_taken')`: the code is the call's last argument, on a line of its own.
	'src/lib/server/operations/setup.ts': async (source) =>
		[...source.matchAll(/^\s*'([a-z_]+)'\s*$/gm)].map((match) => match[1]),
	// `reserve(keys, now, code)`: 'too_many_attempts' unless the caller names its own (auth/accounts.ts).
	'src/lib/server/auth/throttle.ts': async (source, read) => [
		...literals(source.match(/code = ('[a-z_]+')/)?.[1] ?? ''),
		...[...(await read('src/lib/server/auth/accounts.ts')).matchAll(/reserve\([^)]*'([a-z_]+)'\)/g)].map(
			(match) => match[1]
		)
	],
	// A domain error raised again under another field: its code is checked where it was first raised.
	'src/routes/(logistics)/logistics/stock/+page.server.ts': async () => [],
	// A broken rostering rule: the codes of shifts/rules.ts.
	'src/lib/server/shifts/roster.ts': async (_source, read) =>
		[...(await read('src/lib/server/shifts/rules.ts')).matchAll(/code: '([a-z_]+)'/g)].map(
			(match) => match[1]
		)
};

/** Problems that carry a code shown with errorText (roster file rows, skipped fill pairs). */
const CODE_FIELDS = ['src/lib/server/volunteers/roster-csv.ts', 'src/lib/server/shifts/fill.ts'];

/** Modules whose codes guests see (except `guest_…` codes, which are about guests, for volunteers). */
const GUEST_FACING = ['src/lib/server/guests/help.ts', 'src/lib/server/guests/limits.ts'];

async function raisedCodes() {
	const read = (path: string) => readFile(join(root, path), 'utf8');
	const codes = new Map<string, Set<string>>();
	const unknown: string[] = [];
	const add = (code: string, file: string) => codes.set(code, (codes.get(code) ?? new Set()).add(file));
	for (const path of await sourceFiles(join(root, 'src'))) {
		const file = relative(root, path);
		const source = await readFile(path, 'utf8');
		for (const match of source.matchAll(/new (DomainError|ForbiddenError|NotFoundError)\(([^,)]*)/g)) {
			const [, kind, argument] = match;
			const found = literals(argument);
			if (kind === 'ForbiddenError' && !argument.trim()) add('forbidden', file);
			else if (found.length)
				for (const code of found) add(kind === 'NotFoundError' ? `${code}_not_found` : code, file);
			else if (DYNAMIC[file]) for (const code of await DYNAMIC[file](source, read)) add(code, file);
			else unknown.push(`${file}: ${match[0]}`);
		}
		// Subclasses name their code in super(); errorText('…') is called with a code directly.
		if (/extends (DomainError|ForbiddenError|NotFoundError)/.test(source))
			for (const match of source.matchAll(/super\('([a-z0-9_]+)'/g)) add(match[1], file);
		for (const match of source.matchAll(/\berrorText\(\s*'([a-z0-9_]+)'/g)) add(match[1], file);
		if (CODE_FIELDS.includes(file))
			for (const match of source.matchAll(/code: '([a-z0-9_]+)'/g))
				// `orderBy: { code: 'asc' }` sorts languages; it is no error.
				if (!['asc', 'desc'].includes(match[1])) add(match[1], file);
	}
	// toDomainError: a write naming a record that is gone.
	add('record_not_found', 'src/lib/server/errors.ts');
	return { codes, unknown };
}

type Catalogue = Record<string, unknown>;

async function catalogues(project: string): Promise<Record<string, Catalogue>> {
	const settings = JSON.parse(await readFile(join(root, project, 'settings.json'), 'utf8'));
	const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
	const all: Record<string, Catalogue> = {};
	for (const locale of settings.locales as string[]) {
		all[locale] = {};
		for (const pattern of patterns) {
			const path = join(root, pattern.replace('{locale}', locale));
			const text = await readFile(path, 'utf8').catch(() => '{}');
			Object.assign(all[locale], JSON.parse(text));
		}
	}
	return all;
}

describe('error codes', () => {
	it('are all found in the source (every raise site is understood)', async () => {
		const { codes, unknown } = await raisedCodes();
		expect(unknown).toEqual([]);
		// The collector sees the codes it must: literal, subclass, dynamic and not-found ones.
		for (const code of [
			'notice_operation_not_found',
			'notice_host_not_allowed',
			'zone_name_taken',
			'shift_overlap',
			'card_not_found',
			'roster_email_taken',
			'forbidden'
		]) {
			expect([...codes.keys()]).toContain(code);
		}
		expect(codes.size).toBeGreaterThan(150);
	});

	it('each have a message in every catalogue of the people who can meet them', async () => {
		const { codes } = await raisedCodes();
		const volunteers = await catalogues('project.inlang');
		const guests = await catalogues('guest.inlang');
		const missing: string[] = [];
		for (const [code, files] of [...codes].sort(([a], [b]) => a.localeCompare(b))) {
			const forGuests = !code.startsWith('guest_') && [...files].every((file) => GUEST_FACING.includes(file));
			const [key, all] = forGuests ? [`guest_error_${code}`, guests] : [`error_${code}`, volunteers];
			for (const [locale, catalogue] of Object.entries(all)) {
				if (!(key in catalogue)) missing.push(`${locale}: ${key} (raised in ${[...files].join(', ')})`);
			}
		}
		expect(missing).toEqual([]);
	});
});
