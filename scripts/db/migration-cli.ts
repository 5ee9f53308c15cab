// npm run db:migration -- <name>: writes a migration for both providers from the schema change.
import { createMigration } from './migrations';

const name = process.argv[2];
if (!name || !/^[a-z0-9_-]+$/i.test(name)) {
	console.error('Usage: npm run db:migration -- <name>   (letters, digits, - and _)');
	process.exit(2);
}
const written = await createMigration(name);
if (written.length === 0) console.log('The schema has not changed since the last migration.');
for (const path of written) console.log(`Wrote prisma/migrations/${path}/migration.sql`);
