// Roster import and export. A coordinator's spreadsheet (name, phone, email, languages, skills,
// zone) is checked row by row before anything is written; the import is then all or nothing, in
// one transaction, reporting progress as it goes. Imported people are active members of the
// operation (the coordinator vetted them); skills that need proof still wait for an organizer.
import { randomBytes } from 'node:crypto';
import Papa from 'papaparse';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { toCsv, unneutralise } from '../csv';
import { isLanguage, isSkill, languageName, LANGUAGES, SKILLS } from '$lib/skills';
import { audit } from '../audit';
import { hashPassword } from '../auth/password';
import { db } from '../db';
import { DomainError } from '../errors';
import type { OperationActor } from '../operations/access';
import { directoryWhere, type DirectoryFilter } from './directory';

export const MAX_ROWS = 10_000;
export const MAX_BYTES = 2_000_000;
const CHUNK = 250;

const COLUMNS = ['name', 'phone', 'email', 'languages', 'skills', 'zone'] as const;
type Column = (typeof COLUMNS)[number];

/** Header names as coordinators write them, in English and Chinese. */
const HEADER_ALIASES: Record<string, Column> = {
	name: 'name',
	'full name': 'name',
	姓名: 'name',
	phone: 'phone',
	mobile: 'phone',
	'mobile phone': 'phone',
	手机: 'phone',
	电话: 'phone',
	email: 'email',
	'e-mail': 'email',
	邮箱: 'email',
	languages: 'languages',
	language: 'languages',
	语言: 'languages',
	skills: 'skills',
	skill: 'skills',
	技能: 'skills',
	zone: 'zone',
	区域: 'zone'
};

export interface RosterRow {
	line: number;
	name: string;
	phone: string | null;
	email: string;
	languages: string[];
	skills: string[];
	zones: string[];
}

export interface RowProblem {
	/** 1-based line in the file (the header is line 1); 0 for the file as a whole. */
	line: number;
	field: Column | 'file';
	code: string;
	params?: Record<string, string | number>;
}

// Values as people write them: codes, or the names the app itself shows, in any of its languages
// (a file with Chinese headers has Chinese values: 急救, 英语).
const LANGUAGE_NAMES = new Map<string, string>([
	...locales.flatMap((locale) =>
		LANGUAGES.map((code) => [languageName(code, locale).toLowerCase(), code] as [string, string])
	),
	['mandarin', 'zh'],
	['普通话', 'zh'],
	['粤语', 'yue']
]);

const list = (value: string) =>
	value
		.split(/[;,|/、，；]+/)
		.map((item) => item.trim())
		.filter(Boolean);

function toLanguage(value: string): string | null {
	const lower = value.toLowerCase();
	if (isLanguage(lower)) return lower;
	return LANGUAGE_NAMES.get(lower) ?? null;
}

const SKILL_NAMES = new Map<string, string>(
	locales.flatMap((locale) =>
		SKILLS.map((skill) => [m[`skill_${skill}`]({}, { locale }).toLowerCase(), skill] as [string, string])
	)
);

function toSkill(value: string): string | null {
	const code = value
		.trim()
		.toUpperCase()
		.replace(/[\s-]+/g, '_');
	return isSkill(code) ? code : (SKILL_NAMES.get(value.trim().toLowerCase()) ?? null);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads and checks a file's rows on their own (no database): pure. */
export function parseRoster(text: string): { rows: RosterRow[]; problems: RowProblem[] } {
	const problems: RowProblem[] = [];
	if (Buffer.byteLength(text) > MAX_BYTES) {
		return {
			rows: [],
			problems: [{ line: 0, field: 'file', code: 'roster_too_large', params: { mb: MAX_BYTES / 1e6 } }]
		};
	}
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const [header = [], ...records] = parsed.data;
	const columns = header.map((cell) => HEADER_ALIASES[cell.trim().toLowerCase()] ?? null);
	for (const required of ['name', 'email'] as const) {
		if (!columns.includes(required)) {
			problems.push({ line: 1, field: 'file', code: 'roster_column_missing', params: { column: required } });
		}
	}
	if (problems.length) return { rows: [], problems };
	if (records.length === 0) return { rows: [], problems: [{ line: 0, field: 'file', code: 'roster_empty' }] };
	if (records.length > MAX_ROWS) {
		return {
			rows: [],
			problems: [{ line: 0, field: 'file', code: 'roster_too_many_rows', params: { max: MAX_ROWS } }]
		};
	}
	const rows: RosterRow[] = [];
	const seen = new Map<string, number>();
	records.forEach((record, index) => {
		const line = index + 2;
		const cell = (column: Column) => {
			const at = columns.indexOf(column);
			// A cell our own export neutralised ("'+86...") reads back as what it was.
			return at === -1 ? '' : unneutralise((record[at] ?? '').trim());
		};
		const problem = (field: Column, code: string, params?: RowProblem['params']) =>
			problems.push({ line, field, code, params });
		const name = cell('name');
		if (name.length < 2 || name.length > 100) problem('name', 'roster_name_invalid');
		const email = cell('email').toLowerCase();
		if (!EMAIL.test(email) || email.length > 254) problem('email', 'roster_email_invalid');
		else if (seen.has(email)) problem('email', 'roster_email_repeated', { line: seen.get(email)! });
		else seen.set(email, line);
		const rawPhone = cell('phone');
		const phone = rawPhone ? rawPhone.replace(/[\s().-]/g, '') : null;
		if (phone && !/^\+[1-9]\d{6,14}$/.test(phone))
			problem('phone', 'roster_phone_invalid', { value: rawPhone });
		const languages: string[] = [];
		for (const value of list(cell('languages'))) {
			const code = toLanguage(value);
			if (code) languages.push(code);
			else problem('languages', 'roster_language_unknown', { value });
		}
		const skills: string[] = [];
		for (const value of list(cell('skills'))) {
			const code = toSkill(value);
			if (code) skills.push(code);
			else problem('skills', 'roster_skill_unknown', { value, known: SKILLS.join(', ') });
		}
		rows.push({
			line,
			name,
			email,
			phone,
			languages: [...new Set(languages)],
			skills: [...new Set(skills)],
			zones: [...new Set(list(cell('zone')))]
		});
	});
	return { rows, problems };
}

/** Every problem of a file against the database too (accounts that exist, zones that do not). */
export async function checkRoster(operationId: string, text: string) {
	const { rows, problems } = parseRoster(text);
	if (rows.length) {
		const zones = await db.zone.findMany({ where: { operationId }, select: { id: true, name: true } });
		const zoneIds = new Map(zones.map((zone) => [zone.name.toLowerCase(), zone.id]));
		const taken = new Set<string>();
		for (let i = 0; i < rows.length; i += 500) {
			const emails = rows.slice(i, i + 500).map((row) => row.email);
			const existing = await db.user.findMany({ where: { email: { in: emails } }, select: { email: true } });
			for (const user of existing) taken.add(user.email);
		}
		for (const row of rows) {
			if (taken.has(row.email)) problems.push({ line: row.line, field: 'email', code: 'roster_email_taken' });
			for (const zone of row.zones) {
				if (!zoneIds.has(zone.toLowerCase())) {
					problems.push({
						line: row.line,
						field: 'zone',
						code: 'roster_zone_unknown',
						params: { value: zone }
					});
				}
			}
		}
		problems.sort((a, b) => a.line - b.line);
		return { rows, problems, zoneIds };
	}
	return { rows, problems, zoneIds: new Map<string, string>() };
}

/**
 * Imports a file with no problems, all or nothing. `onProgress` hears how many rows are written.
 * A file with problems writes nothing and throws, with the problems attached.
 */
export async function importRoster(
	actorId: string,
	operationId: string,
	text: string,
	onProgress: (done: number, total: number) => void = () => {}
): Promise<{ imported: number }> {
	const { rows, problems, zoneIds } = await checkRoster(operationId, text);
	if (problems.length || rows.length === 0) throw new RosterProblems(problems);
	// Nobody knows this password: imported people cannot sign in until they are invited, but their
	// row is a valid account like any other.
	const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
	await db.$transaction(
		async (tx) => {
			for (let start = 0; start < rows.length; start += CHUNK) {
				const chunk = rows.slice(start, start + CHUNK);
				await tx.user.createMany({
					data: chunk.map((row) => ({
						name: row.name,
						email: row.email,
						phone: row.phone,
						passwordHash,
						role: 'VOLUNTEER' as const,
						status: 'ACTIVE' as const
					}))
				});
				const users = await tx.user.findMany({
					where: { email: { in: chunk.map((row) => row.email) } },
					select: { id: true, email: true }
				});
				const ids = new Map(users.map((user) => [user.email, user.id]));
				const id = (row: RosterRow) => ids.get(row.email)!;
				await tx.volunteerProfile.createMany({ data: chunk.map((row) => ({ userId: id(row) })) });
				await tx.operationMember.createMany({ data: chunk.map((row) => ({ operationId, userId: id(row) })) });
				await tx.userLanguage.createMany({
					data: chunk.flatMap((row) => row.languages.map((code) => ({ userId: id(row), code })))
				});
				await tx.userSkill.createMany({
					data: chunk.flatMap((row) => row.skills.map((skill) => ({ userId: id(row), skill })))
				});
				await tx.zonePreference.createMany({
					data: chunk.flatMap((row) =>
						row.zones.map((zone) => ({ userId: id(row), zoneId: zoneIds.get(zone.toLowerCase())! }))
					)
				});
				onProgress(Math.min(start + CHUNK, rows.length), rows.length);
			}
			await audit(tx, {
				actorId,
				action: 'roster.imported',
				subjectType: 'Operation',
				subjectId: operationId,
				detail: { rows: rows.length }
			});
		},
		{ timeout: 300_000 }
	);
	return { imported: rows.length };
}

export class RosterProblems extends DomainError {
	constructor(readonly problems: RowProblem[]) {
		super(problems.length ? 'roster_has_problems' : 'roster_empty', {
			status: 422,
			params: { count: problems.length }
		});
	}
}

/** The directory as CSV: the people `viewer` may see, narrowed by `filter`. */
export async function exportRoster(viewer: OperationActor, filter: DirectoryFilter): Promise<string> {
	const people = await db.user.findMany({
		where: directoryWhere(viewer, filter),
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: {
			name: true,
			phone: true,
			email: true,
			status: true,
			languages: { select: { code: true }, orderBy: { code: 'asc' } },
			skills: { select: { skill: true, verifiedAt: true }, orderBy: { skill: 'asc' } },
			zonePreferences: { select: { zone: { select: { name: true } } }, orderBy: { zone: { name: 'asc' } } }
		}
	});
	const rows = people.map((person) => [
		person.name,
		person.phone ?? '',
		person.email,
		person.languages.map((l) => l.code).join(';'),
		person.skills.map((s) => s.skill).join(';'),
		person.zonePreferences.map((z) => z.zone.name).join(';'),
		person.status,
		person.skills
			.filter((s) => s.verifiedAt)
			.map((s) => s.skill)
			.join(';')
	]);
	// The one CSV writer (../csv.ts) neutralises formula-like cells, phone numbers' "+" included.
	return toCsv([...COLUMNS, 'status', 'verified_skills'], rows);
}
