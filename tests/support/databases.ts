// Real databases for tests: a SQLite file in a temporary folder, or a PostgreSQL database created
// on the server at TEST_POSTGRES_URL (default 127.0.0.1:5432) and dropped afterwards.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../scripts/db/migrations';
import { databaseTarget, type DatabaseTarget } from '../../src/lib/server/db/target';

export type Provider = 'sqlite' | 'postgresql';

export const POSTGRES_ADMIN_URL =
	process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function postgresUrl(database: string): string {
	const url = new URL(POSTGRES_ADMIN_URL);
	url.pathname = `/${database}`;
	return url.toString();
}

export async function onPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
	try {
		await client.connect();
	} catch (error) {
		throw new Error(
			`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). ` +
				'Start it (see README) or set TEST_POSTGRES_URL.'
		);
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

const safeName = (name: string) => {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
	return name;
};

/** A new empty database (or a copy of `template`), returned as a DATABASE_URL. */
export async function createDatabase(
	provider: Provider,
	name: string,
	options: { template?: string; dir?: string } = {}
): Promise<string> {
	if (provider === 'sqlite') {
		const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'redband-test-')));
		const file = join(dir, `${safeName(name)}.db`);
		if (options.template) await copyFile(databaseTarget(options.template).url.slice(5), file);
		return `file:${file}`;
	}
	await onPostgres(async (client) => {
		const template = options.template
			? ` TEMPLATE "${safeName(new URL(options.template).pathname.slice(1))}"`
			: '';
		await client.query(`CREATE DATABASE "${safeName(name)}"${template}`);
	});
	return postgresUrl(name);
}

export async function dropDatabase(url: string): Promise<void> {
	const target = databaseTarget(url);
	if (target.provider === 'sqlite') {
		for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(target.file + suffix, { force: true });
		return;
	}
	const name = safeName(new URL(url).pathname.slice(1));
	await onPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Creates and migrates a database; the caller drops it. */
export async function createMigratedDatabase(
	provider: Provider,
	name: string,
	dir?: string
): Promise<DatabaseTarget> {
	const url = await createDatabase(provider, name, { dir });
	const target = databaseTarget(url);
	await applyMigrations(target);
	return target;
}

export function uniqueSuffix(): string {
	return `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
