// Vitest global setup for the database projects: one migrated template database per run, which
// every test file copies (SQLite) or clones (PostgreSQL TEMPLATE) into a database of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
	createMigratedDatabase,
	dropDatabase,
	onPostgres,
	uniqueSuffix,
	type Provider
} from '../support/databases';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseTemplate: { provider: Provider; url: string; runId: string; dir: string };
	}
}

export default async function setup(project: TestProject) {
	const provider = (process.env.TEST_DB_PROVIDER ?? project.config.env?.TEST_DB_PROVIDER) as Provider;
	const runId = `rbt_${uniqueSuffix()}`;
	const dir = await mkdtemp(join(tmpdir(), 'redband-test-'));
	const template = await createMigratedDatabase(provider, `${runId}_template`, dir);
	project.provide('databaseTemplate', { provider, url: template.url, runId, dir });

	return async () => {
		if (provider === 'postgresql') {
			// Also drops what a crashed test file left behind.
			await onPostgres(async (client) => {
				const { rows } = await client.query<{ datname: string }>(
					'SELECT datname FROM pg_database WHERE datname LIKE $1',
					[`${runId}%`]
				);
				for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
			});
		} else {
			await dropDatabase(template.url);
		}
		await rm(dir, { recursive: true, force: true });
	};
}
