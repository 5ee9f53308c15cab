// Applying and writing migrations with the WASM schema engine, for both providers.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import type { DatabaseTarget } from '../../src/lib/server/db/target';
import { noFilters, openSchemaEngine } from './engine';
import { migrationsDir, readSchema, readSnapshot, writeSnapshot, type Provider } from './schema';

const lockfileFor = (provider: Provider) =>
	`# Written by npm run db:migration; do not edit.\nprovider = "${provider}"\n`;

export async function readMigrations(provider: Provider): Promise<MigrationList> {
	const baseDir = migrationsDir(provider);
	const names = (await readdir(baseDir, { withFileTypes: true }).catch(() => []))
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	return {
		baseDir,
		lockfile: { path: 'migration_lock.toml', content: lockfileFor(provider) },
		shadowDbInitScript: '',
		migrationDirectories: await Promise.all(
			names.map(async (name) => ({
				path: name,
				migrationFile: {
					path: 'migration.sql',
					content: {
						tag: 'ok' as const,
						value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8')
					}
				}
			}))
		)
	};
}

/** Applies every migration not yet recorded in `_prisma_migrations`, like `prisma migrate deploy`. */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
	const { engine, dispose } = await openSchemaEngine(target, await readSchema(target.provider));
	try {
		const result = await engine.applyMigrations({
			migrationsList: await readMigrations(target.provider),
			filters: noFilters
		});
		return result.appliedMigrationNames;
	} finally {
		await dispose();
	}
}

/** The SQL that creates the current schema in an empty database, skipping the migrations. */
export async function schemaScript(provider: Provider): Promise<string> {
	const schema = await readSchema(provider);
	const { engine, dispose } = await openSchemaEngine(`offline-${provider}`, schema);
	try {
		const result = await engine.diff({
			from: { tag: 'empty' },
			to: { tag: 'schemaDatamodel', files: schema.map(([path, content]) => ({ path, content })) },
			script: true,
			exitCode: null,
			filters: noFilters
		});
		return cleanScript(result.stdout ?? '');
	} finally {
		await dispose();
	}
}

function cleanScript(sql: string): string {
	return sql.includes('This is an empty migration') ? '' : sql.trim();
}

/**
 * Writes `<timestamp>_<name>/migration.sql` for both providers by diffing the schema snapshot taken
 * at the last migration against the current schema, then moves the snapshot forward.
 */
export async function createMigration(name: string, now = new Date()): Promise<string[]> {
	const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
	const folder = `${stamp}_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
	const written: string[] = [];
	for (const provider of ['sqlite', 'postgresql'] as const) {
		const current = await readSchema(provider);
		const previous = await readSnapshot(provider);
		const { engine, dispose } = await openSchemaEngine(`offline-${provider}`, current);
		try {
			const result = await engine.diff({
				from: previous
					? { tag: 'schemaDatamodel', files: previous.map(([path, content]) => ({ path, content })) }
					: { tag: 'empty' },
				to: { tag: 'schemaDatamodel', files: current.map(([path, content]) => ({ path, content })) },
				script: true,
				exitCode: null,
				filters: noFilters
			});
			const sql = cleanScript(result.stdout ?? '');
			if (!sql) continue;
			const dir = join(migrationsDir(provider), folder);
			await mkdir(dir, { recursive: true });
			await writeFile(join(dir, 'migration.sql'), sql + '\n');
			await writeFile(join(migrationsDir(provider), 'migration_lock.toml'), lockfileFor(provider));
			written.push(join(provider, folder));
		} finally {
			await dispose();
		}
	}
	if (written.length) await writeSnapshot();
	return written;
}
