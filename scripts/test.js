// npm test: every check and every test, in order, then one line that adds up the tests:
// "N passed, N failed". A failed check (types, lint, build) counts as one failure, so the line
// never reads "0 failed" when something is broken. Tests that were planned but never ran (the
// PostgreSQL project when the database is unreachable, the end-to-end tests when the build fails,
// a file that crashed while loading) are counted too: "N did not run", on the line before the
// last, and each of them as a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { notRunByVitest, notRunByPlaywright, plannedByPlaywright, plannedByVitest } from './test-counts.js';

const reports = 'test-results/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const MINUTE = 60_000;
let passed = 0;
let failed = 0;
let notRun = 0;
const broken = [];

function stage(name, command, args, { timeout, env = {}, quiet = false }) {
	if (!quiet) console.log(`\n▶ ${name}`);
	const result = spawnSync(command, args, {
		stdio: quiet ? 'ignore' : 'inherit',
		timeout,
		env: { ...process.env, ...env }
	});
	const ok = result.status === 0;
	if (!ok && !quiet) broken.push(result.error?.code === 'ETIMEDOUT' ? `${name} (timed out)` : name);
	return ok;
}

function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

for (const [name, script] of [
	['types (svelte-check)', 'check'],
	['lint (prettier, eslint)', 'lint']
]) {
	if (!stage(name, 'npm', ['run', '--silent', script], { timeout: 10 * MINUTE })) failed++;
}

// What each runner means to run, listed without running anything (no database, no server), so that
// what never ran can be told apart from what passed.
stage(
	'list the Vitest tests',
	'npx',
	['vitest', 'list', '--staticParse', `--json=${reports}/vitest-planned.json`],
	{
		timeout: 5 * MINUTE,
		quiet: true
	}
);
stage('list the Playwright tests', 'npx', ['playwright', 'test', '--list', '--reporter=json'], {
	timeout: 5 * MINUTE,
	quiet: true,
	env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright-planned.json` }
});
const vitestPlanned = plannedByVitest(readJson(`${reports}/vitest-planned.json`));
const playwrightPlanned = plannedByPlaywright(readJson(`${reports}/playwright-planned.json`));

// Shuffled: a test that passes only after another one (counting rows left by it) fails here. The
// seed is printed so that a failing order can be run again (VITEST_SEED=<seed> npm test).
const seed = Number(process.env.VITEST_SEED ?? Math.floor(Math.random() * 1_000_000));
const vitestOk = stage(
	`unit and integration tests (Vitest: unit, SQLite, PostgreSQL; shuffled with seed ${seed})`,
	'npx',
	[
		'vitest',
		'run',
		'--sequence.shuffle',
		`--sequence.seed=${seed}`,
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${reports}/vitest.json`
	],
	{ timeout: 30 * MINUTE }
);
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
}
const vitestNotRun = notRunByVitest(vitestPlanned, vitest);
notRun += vitestNotRun;
if (!vitestOk && (!vitest || vitest.numFailedTests === 0) && vitestNotRun === 0) failed++;

if (stage('production build', 'npm', ['run', '--silent', 'build'], { timeout: 10 * MINUTE })) {
	// The `alone` project (tests that start and load servers of their own) runs after the others,
	// one test at a time: see playwright.config.ts.
	const runs = [
		['end-to-end tests (Playwright, Chromium)', ['--project=phone', '--project=tablet'], 'playwright.json'],
		[
			'end-to-end tests that start their own servers (one at a time)',
			['--project=alone', '--workers=1'],
			'playwright-alone.json',
			{ E2E_OWN_SERVERS: '1' }
		]
	].map(([name, args, report, env = {}]) => {
		const ok = stage(name, 'npx', ['playwright', 'test', ...args], {
			timeout: 40 * MINUTE,
			env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/${report}` }
		});
		return { ok, e2e: readJson(`${reports}/${report}`) };
	});
	const reported = runs.map((run) => run.e2e);
	for (const e2e of reported.filter(Boolean)) {
		passed += e2e.stats.expected + e2e.stats.flaky;
		failed += e2e.stats.unexpected;
	}
	const e2eNotRun = notRunByPlaywright(playwrightPlanned, reported);
	notRun += e2eNotRun;
	const failedTests = reported.some((e2e) => e2e && e2e.stats.unexpected > 0);
	if (runs.some((run) => !run.ok) && !failedTests && e2eNotRun === 0) failed++;
} else {
	failed++;
	notRun += playwrightPlanned;
}

if (!existsSync('build/index.js')) broken.push('no build/index.js');
if (broken.length) console.log(`\nFailed: ${broken.join(', ')}`);
if (notRun) {
	// The listing undercounts tests made in a loop (`it.each`), so this is a lower bound.
	console.log(`\n${notRun} did not run (counted as failed)`);
	failed += notRun;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken.length || failed ? 1 : 0);
