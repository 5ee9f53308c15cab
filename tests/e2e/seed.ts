// Prepares the end-to-end database: migrations, secrets and the demo operation, with a demo
// password generated for this run and kept in its data folder (support.ts reads it from there).
import { mkdirSync } from 'node:fs';
import { applyMigrations } from '../../scripts/db/migrations';
import { databaseTarget } from '../../src/lib/server/db/target';

export async function seedTestData() {
	mkdirSync(process.env.DATA_DIR!, { recursive: true });
	await applyMigrations(databaseTarget());
	const { db } = await import('../../src/lib/server/db');
	const { seedDemo } = await import('../../src/lib/server/demo/seed');
	const { secrets } = await import('../../src/lib/server/secrets');
	const { demoPassword } = await import('../../src/lib/server/demo/password');
	secrets();
	await seedDemo(demoPassword());
	await db.$disconnect();
}
