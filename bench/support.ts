// Helpers shared by the benchmarks: a throwaway migrated database and simple timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../scripts/db/migrations';
import { databaseTarget } from '../src/lib/server/db/target';

/** Points DATABASE_URL and DATA_DIR at a fresh migrated SQLite file; call before importing the app's db. */
export async function useScratchDatabase(): Promise<{ dir: string; cleanup: () => void }> {
	const dir = mkdtempSync(join(tmpdir(), 'redband-bench-'));
	process.env.DATABASE_URL = `file:${join(dir, 'bench.db')}`;
	process.env.DATA_DIR = dir;
	await applyMigrations(databaseTarget());
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `operation` `count` times (after a warm-up) and returns operations per second and p99 in ms. */
export async function measure(count: number, operation: (i: number) => Promise<unknown>) {
	for (let i = 0; i < Math.min(200, count); i++) await operation(i);
	const durations: number[] = [];
	const started = performance.now();
	for (let i = 0; i < count; i++) {
		const t = performance.now();
		await operation(i);
		durations.push(performance.now() - t);
	}
	const seconds = (performance.now() - started) / 1000;
	durations.sort((a, b) => a - b);
	return { perSecond: count / seconds, p99: durations[Math.floor(durations.length * 0.99)] };
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
