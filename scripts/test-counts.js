// How many of the tests a runner meant to run never ran: the listing (made without running
// anything) against the run's JSON report. Used by scripts/test.js.

const EXECUTED = new Set(['passed', 'failed']);

/**
 * `vitest list --json` (one entry per test and project) as file → project → number of tests.
 * @param {{ file: string, projectName?: string }[] | null} list
 * @returns {Map<string, Map<string, number>>}
 */
export function plannedByVitest(list) {
	/** @type {Map<string, Map<string, number>>} */
	const planned = new Map();
	for (const test of Array.isArray(list) ? list : []) {
		const projects = planned.get(test.file) ?? new Map();
		const project = test.projectName ?? '';
		projects.set(project, (projects.get(project) ?? 0) + 1);
		planned.set(test.file, projects);
	}
	return planned;
}

/**
 * Planned Vitest tests that did not run. The JSON report has one entry per file and project (it
 * does not say which project), so a file planned in two projects that ran in one is missing the
 * other one's tests. A file that failed to load has an entry without tests: none of its tests ran.
 * @param {Map<string, Map<string, number>>} planned
 * @param {{ testResults?: { name: string, assertionResults?: { status: string }[] }[] } | null} report
 */
export function notRunByVitest(planned, report) {
	/** @type {Map<string, { executed: number, skipped: number }[]>} */
	const runs = new Map();
	for (const entry of report?.testResults ?? []) {
		const results = entry.assertionResults ?? [];
		const executed = results.filter((result) => EXECUTED.has(result.status)).length;
		if (!executed && !results.length) continue;
		const list = runs.get(entry.name) ?? [];
		list.push({ executed, skipped: results.length - executed });
		runs.set(entry.name, list);
	}
	let notRun = 0;
	for (const [file, projects] of planned) {
		const ran = runs.get(file) ?? [];
		const perProject = Math.max(...projects.values(), ...ran.map((run) => run.executed + run.skipped));
		notRun += Math.max(0, projects.size - ran.length) * perProject;
		notRun += ran.reduce((sum, run) => sum + run.skipped, 0);
	}
	return notRun;
}

/**
 * @typedef {{ specs?: { tests?: unknown[] }[], suites?: Suite[] }} Suite
 */

/**
 * `playwright test --list --reporter=json`: every test of every project.
 * @param {{ suites?: Suite[] } | null} list
 * @returns {number}
 */
export function plannedByPlaywright(list) {
	/** @type {(suite: Suite) => number} */
	const count = (suite) =>
		(suite.specs ?? []).reduce((sum, spec) => sum + (spec.tests?.length ?? 0), 0) +
		(suite.suites ?? []).reduce((sum, child) => sum + count(child), 0);
	return (list?.suites ?? []).reduce((sum, suite) => sum + count(suite), 0);
}

/**
 * Planned Playwright tests that did not run (skipped, interrupted, or no report at all), over the
 * reports of every run that shares the listing (`npm test` runs the projects in two goes).
 * @param {number} planned
 * @param {({ stats?: { expected: number, unexpected: number, flaky: number } } | null)[]} reports
 */
export function notRunByPlaywright(planned, reports) {
	const ran = reports.reduce((sum, report) => {
		const stats = report?.stats;
		return sum + (stats ? stats.expected + stats.unexpected + stats.flaky : 0);
	}, 0);
	return Math.max(0, planned - ran);
}
