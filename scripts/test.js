// npm test: every check and every test, in order, then one line that adds up the tests:
// "N passed, N failed". A failed check (types, lint, build) counts as one failure, so the line
// never reads "0 failed" when something is broken.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'test-results/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const MINUTE = 60_000;
let passed = 0;
let failed = 0;
const broken = [];

function stage(name, command, args, { timeout, env = {} }) {
	console.log(`\n▶ ${name}`);
	const result = spawnSync(command, args, { stdio: 'inherit', timeout, env: { ...process.env, ...env } });
	const ok = result.status === 0;
	if (!ok) broken.push(result.error?.code === 'ETIMEDOUT' ? `${name} (timed out)` : name);
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

const vitestOk = stage(
	'unit and integration tests (Vitest: unit, SQLite, PostgreSQL)',
	'npx',
	['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`],
	{ timeout: 30 * MINUTE }
);
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) failed++;

if (stage('production build', 'npm', ['run', '--silent', 'build'], { timeout: 10 * MINUTE })) {
	const e2eOk = stage('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], {
		timeout: 40 * MINUTE,
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` }
	});
	const e2e = readJson(`${reports}/playwright.json`);
	if (e2e) {
		passed += e2e.stats.expected + e2e.stats.flaky;
		failed += e2e.stats.unexpected;
	}
	if (!e2eOk && (!e2e || e2e.stats.unexpected === 0)) failed++;
} else {
	failed++;
}

if (!existsSync('build/index.js')) broken.push('no build/index.js');
if (broken.length) console.log(`\nFailed: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken.length || failed ? 1 : 0);
