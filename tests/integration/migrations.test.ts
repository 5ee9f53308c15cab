// The migrations and the schema must describe the same database, on both providers: a database
// built by replaying prisma/migrations equals one built straight from prisma/schema.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, readMigrations, schemaScript } from '../../scripts/db/migrations';
import { snapshotFile, snapshotText } from '../../scripts/db/schema';
import { adapterFor } from '../../src/lib/server/db/adapter';
import { databaseTarget } from '../../src/lib/server/db/target';
import { createDatabase, dropDatabase, uniqueSuffix } from '../support/databases';
import { describeDatabase } from '../support/describe-database';

const { provider, dir } = inject('databaseTemplate');
const created: string[] = [];

async function freshDatabase(label: string) {
	const url = await createDatabase(provider, `rbt_${label}_${uniqueSuffix()}`, { dir });
	created.push(url);
	return databaseTarget(url);
}

afterAll(async () => {
	for (const url of created) await dropDatabase(url);
});

describe(`migrations on ${provider}`, () => {
	it('build the same database as the schema itself', async () => {
		const migrated = await freshDatabase('migrated');
		const direct = await freshDatabase('direct');
		const applied = await applyMigrations(migrated);
		expect(applied.length).toBe((await readMigrations(provider)).migrationDirectories.length);

		const connection = await adapterFor(direct).connect();
		await connection.executeScript(await schemaScript(provider));
		await connection.dispose();

		const fromMigrations = await describeDatabase(migrated);
		expect(Object.keys(fromMigrations).length).toBeGreaterThan(0);
		expect(fromMigrations).toEqual(await describeDatabase(direct));
	});

	it('apply once: a second run finds nothing to do', async () => {
		const target = await freshDatabase('twice');
		expect((await applyMigrations(target)).length).toBeGreaterThan(0);
		expect(await applyMigrations(target)).toEqual([]);
	});

	it('leave no schema change without a migration (the snapshot matches the schema)', async () => {
		expect(await readFile(snapshotFile, 'utf8')).toBe(await snapshotText());
	});
});
