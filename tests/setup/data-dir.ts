// Vitest global setup for the unit project: a temporary DATA_DIR (where secrets.json is made), so
// tests never write into the checkout's ./data, and nothing is left behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		dataDir: string;
	}
}

export default async function setup(project: TestProject) {
	const dir = await mkdtemp(join(tmpdir(), 'redband-unit-'));
	project.provide('dataDir', dir);
	return () => rm(dir, { recursive: true, force: true });
}
