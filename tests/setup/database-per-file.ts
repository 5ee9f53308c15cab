// Runs before each test file of the database projects: gives the file its own copy of the
// migrated template, so files run in parallel without seeing each other's rows.
import { afterAll, inject } from 'vitest';
import { createDatabase, dropDatabase } from '../support/databases';

const template = inject('databaseTemplate');
const name = `${template.runId}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const url = await createDatabase(template.provider, name, { template: template.url, dir: template.dir });
process.env.DATABASE_URL = url;
// secrets.json goes to the run's temporary folder, never into the checkout's ./data.
process.env.DATA_DIR = template.dir;

afterAll(async () => {
	const { db } = await import('$lib/server/db');
	await db.$disconnect();
	await dropDatabase(url);
});
