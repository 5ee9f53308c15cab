// The Prisma schema lives once, in prisma/schema/*.prisma, written for SQLite. PostgreSQL's variant
// (provider line and generated-client folder) is derived here so the two never drift apart.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export type Provider = 'sqlite' | 'postgresql';
export type SchemaFiles = [path: string, text: string][];

export const root = resolve(import.meta.dirname, '../..');
export const schemaDir = join(root, 'prisma/schema');
export const migrationsRoot = join(root, 'prisma/migrations');
export const snapshotFile = join(migrationsRoot, 'schema.snapshot.prisma');

export const migrationsDir = (provider: Provider) => join(migrationsRoot, provider);
export const clientDir = (provider: Provider) => join(root, 'src/lib/server/db/generated', provider);

/** Rewrites the SQLite schema text for `provider`, with the generated client going to `outputFrom`'s view of clientDir. */
export function forProvider(text: string, provider: Provider, outputFrom: string): string {
	if (provider === 'sqlite') return text;
	return text
		.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
		.replace(/output\s*=\s*"[^"]*"/, `output   = "${relative(outputFrom, clientDir(provider))}"`);
}

export async function readSchema(provider: Provider, dir = schemaDir): Promise<SchemaFiles> {
	const names = (await readdir(dir)).filter((name) => name.endsWith('.prisma')).sort();
	return Promise.all(
		names.map(async (name): Promise<[string, string]> => [
			join(dir, name),
			forProvider(await readFile(join(dir, name), 'utf8'), provider, dir)
		])
	);
}

/** The schema as it stood when the last migration was written (one file, SQLite flavour). */
export async function readSnapshot(provider: Provider): Promise<SchemaFiles | null> {
	try {
		const text = await readFile(snapshotFile, 'utf8');
		return [[snapshotFile, forProvider(text, provider, migrationsRoot)]];
	} catch {
		return null;
	}
}

/** The whole schema as one text: what the snapshot holds right after a migration is written. */
export async function snapshotText(): Promise<string> {
	const files = await readSchema('sqlite');
	return files.map(([, text]) => text.trimEnd()).join('\n\n') + '\n';
}

export async function writeSnapshot(): Promise<void> {
	await writeFile(snapshotFile, await snapshotText());
}

/** Writes the derived PostgreSQL schema folder (for `prisma generate`) and returns its path. */
export async function writeDerivedSchema(provider: Provider): Promise<string> {
	if (provider === 'sqlite') return schemaDir;
	const dir = join(root, 'node_modules/.cache/redband', `schema-${provider}`);
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	for (const [path, text] of await readSchema('sqlite')) {
		const name = relative(schemaDir, path);
		await writeFile(join(dir, name), forProvider(text, provider, dir));
	}
	return dir;
}
