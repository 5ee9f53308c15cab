// Every CSV the app writes neutralises cells a spreadsheet would run (OWASP's rule: = + - @ tab
// CR at the start), for each export: the volunteer list, the audit log, the briefing's sections
// and the logistics report. Numbers stay numbers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { audit } from './audit';
import { auditCsv, auditExport } from './audit-log';
import { neutralise, toCsv, unneutralise } from './csv';
import { db } from './db';
import { SECTIONS, sectionCsv } from './briefing/csv';
import type { Briefing } from './briefing/briefing';
import { reportCsv, type DailyReport } from './logistics/report';
import { exportRoster } from './volunteers/roster-csv';
import { makeOperation, makeUser, unique } from '$test/factories';

const HOSTILE = [
	"-1+cmd|' /C calc'!A0",
	'+1+cmd|calc',
	'=HYPERLINK("https://evil.example","x")',
	'@SUM(1+1)*cmd|calc',
	'\t=1+1',
	'\r=1+1',
	'-2+3'
];
const DANGER = /^[=+\-@\t\r]/;

/** Every text cell of a CSV: none may start with a formula character. */
function cells(csv: string): string[] {
	const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data.flat();
}

function expectNeutralised(csv: string, numbers: string[] = []) {
	for (const cell of cells(csv)) {
		if (numbers.includes(cell)) continue;
		expect(cell, JSON.stringify(cell)).not.toMatch(DANGER);
	}
	for (const text of HOSTILE.slice(0, 1)) expect(csv).toContain(`'${text}`);
}

describe('the CSV writer', () => {
	it('neutralises every formula start and reads its own cells back', () => {
		for (const text of HOSTILE) {
			expect(neutralise(text)).toBe(`'${text}`);
			expect(unneutralise(neutralise(text))).toBe(text);
		}
		expect(neutralise('Wang Fang')).toBe('Wang Fang');
		expect(toCsv(['n'], [[-5], [3.5]])).toBe('n\r\n-5\r\n3.5');
	});

	it('is the only CSV writer in the app', () => {
		const offenders: string[] = [];
		const visit = (dir: string) => {
			for (const entry of readdirSync(dir)) {
				const path = join(dir, entry);
				if (statSync(path).isDirectory()) {
					if (!['paraglide', 'paraglide-guest', 'generated'].includes(entry)) visit(path);
				} else if (/\.ts$/.test(entry) && !entry.includes('.test.')) {
					const text = readFileSync(path, 'utf8');
					const writes = /\bunparse\(|['"]text\/csv/.test(text);
					if (writes && !path.endsWith(join('server', 'csv.ts'))) offenders.push(path);
				}
			}
		};
		visit('src');
		expect(offenders).toEqual([]);
	});
});

describe(`every export on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('the volunteer list', async () => {
		const tag = unique('csv');
		for (const [i, name] of HOSTILE.entries()) {
			await makeUser({ name: `${name}`, email: `${tag}-${i}@example.org`, phone: '+8613800000001' });
		}
		const csv = await exportRoster(await makeUser({ role: 'ADMIN' }), { q: tag });
		expect(cells(csv).filter((c) => c.startsWith("'")).length).toBeGreaterThanOrEqual(HOSTILE.length * 2);
		expectNeutralised(csv);
	});

	it('the audit log', async () => {
		const operation = await makeOperation({ name: HOSTILE[2] });
		const actor = await makeUser({ role: 'ADMIN', name: HOSTILE[0] });
		await audit(db, {
			actorId: actor.id,
			action: 'operation.updated',
			subjectType: 'Operation',
			subjectId: operation.id,
			detail: HOSTILE[3]
		});
		const entries = await auditExport(actor, operation, {});
		expect(entries).toHaveLength(1);
		expectNeutralised(auditCsv(entries));
	});

	it('each section of the briefing', () => {
		// A briefing whose every text is hostile and every figure 1, whatever section asks for it.
		const TEXT = /^(zone|place|route|checkpoint|code|name|item|title|kind|category|severity|location)$/;
		const row = new Proxy({} as Record<string, unknown>, {
			get: (_, key) =>
				key === 'unit'
					? 'PIECE'
					: typeof key === 'string' && TEXT.test(key)
						? HOSTILE[0]
						: /^(from|to|sentAt)$/.test(String(key))
							? new Date('2026-11-22T01:00:00Z')
							: 1
		});
		const list: unknown[] = [row];
		const section = new Proxy(list, {
			get: (target, key, receiver) =>
				typeof key === 'symbol' || key in target
					? Reflect.get(target, key, receiver)
					: /^(rows|routes|longestGaps|byCategory|bySeverity|byKind|items|meals)$/.test(key)
						? list
						: 30
		});
		const briefing = new Proxy({} as Briefing, { get: () => section });
		for (const name of SECTIONS) {
			const csv = sectionCsv(briefing, name);
			for (const cell of cells(csv)) expect(cell, `${name}: ${cell}`).not.toMatch(DANGER);
			expect(csv, name).toContain(`'${HOSTILE[0]}`);
		}
	});

	it('the logistics report', () => {
		const report = {
			stock: [
				{
					item: HOSTILE[0],
					unit: 'PIECE',
					location: HOSTILE[2],
					received: 5,
					transferredIn: 0,
					transferredOut: -3,
					issued: 0,
					wasted: 0,
					adjusted: -1
				}
			],
			meals: { byPlace: [{ place: HOSTILE[3], count: 2 }] },
			requests: {
				created: 1,
				fulfilled: 1,
				urgentFulfilled: 0,
				medianMinutes: 3,
				urgentMedianMinutes: null,
				slowestMinutes: 4,
				declined: 0,
				cancelled: 0
			},
			pods: [{ name: HOSTILE[1], booked: 1, used: 1, noShow: 0, cancelled: 0, minutes: 20 }]
		} as unknown as DailyReport;
		const csv = reportCsv(report);
		// Figures are numbers (a negative adjustment is data, not a formula).
		expectNeutralised(csv, ['-3', '-1']);
	});
});
