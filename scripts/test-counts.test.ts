import { describe, expect, it } from 'vitest';
import { notRunByPlaywright, notRunByVitest, plannedByPlaywright, plannedByVitest } from './test-counts.js';

const listed = (file: string, project: string, count: number) =>
	Array.from({ length: count }, () => ({ file, projectName: project }));
const ran = (file: string, statuses: string[]) => ({
	name: file,
	assertionResults: statuses.map((status) => ({ status }))
});

describe('tests that did not run (scripts/test.js)', () => {
	const planned = plannedByVitest([
		...listed('/a.test.ts', 'unit', 3),
		...listed('/b.db.test.ts', 'sqlite', 4),
		...listed('/b.db.test.ts', 'postgresql', 4)
	]);

	it('counts every planned Vitest test when nothing ran (PostgreSQL unreachable aborts the run)', () => {
		expect(notRunByVitest(planned, null)).toBe(11);
		expect(notRunByVitest(planned, { testResults: [] })).toBe(11);
	});

	it('counts the project a database file did not run in, and the tests a file skipped', () => {
		const report = {
			testResults: [
				ran('/a.test.ts', ['passed', 'failed', 'skipped']),
				ran('/b.db.test.ts', ['passed', 'passed', 'passed', 'passed'])
			]
		};
		expect(notRunByVitest(planned, report)).toBe(1 + 4);
	});

	it('counts nothing when every file ran in every project, loops included', () => {
		const report = {
			testResults: [
				ran('/a.test.ts', ['passed', 'passed', 'passed', 'passed']),
				ran('/b.db.test.ts', ['passed', 'passed', 'passed', 'passed', 'failed']),
				ran('/b.db.test.ts', ['passed', 'passed', 'passed', 'passed', 'passed'])
			]
		};
		expect(notRunByVitest(planned, report)).toBe(0);
	});

	it('counts a file that failed to load as not run (its entry has no tests)', () => {
		const report = {
			testResults: [
				{ name: '/a.test.ts', assertionResults: [] },
				ran('/b.db.test.ts', ['passed', 'passed', 'passed', 'passed']),
				ran('/b.db.test.ts', ['passed', 'passed', 'passed', 'passed'])
			]
		};
		expect(notRunByVitest(planned, report)).toBe(3);
	});

	it('counts the Playwright tests listed but not run', () => {
		const list = {
			suites: [{ specs: [{ tests: [{}, {}] }], suites: [{ specs: [{ tests: [{}] }, { tests: [{}, {}] }] }] }]
		};
		expect(plannedByPlaywright(list)).toBe(5);
		expect(notRunByPlaywright(5, [null])).toBe(5);
		expect(notRunByPlaywright(5, [{ stats: { expected: 2, unexpected: 1, flaky: 0 } }])).toBe(2);
		expect(notRunByPlaywright(5, [{ stats: { expected: 4, unexpected: 0, flaky: 1 } }])).toBe(0);
		// Two runs of one listing (the projects run in two goes): both count, a missing one does not.
		const first = { stats: { expected: 3, unexpected: 0, flaky: 0 } };
		expect(notRunByPlaywright(5, [first, { stats: { expected: 1, unexpected: 1, flaky: 0 } }])).toBe(0);
		expect(notRunByPlaywright(5, [first, null])).toBe(2);
	});
});
