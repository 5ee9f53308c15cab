// Run by `npm start` before the server: applies migrations, creates the installation's secrets
// once, and seeds the demo operation into an empty database.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { db, dbTarget } from '../src/lib/server/db';
import { DEMO_LOGINS, DEMO_PASSWORD, isEmpty, seedDemo } from '../src/lib/server/demo/seed';
import { secrets } from '../src/lib/server/secrets';
import { applyMigrations } from './db/migrations';

if (dbTarget.provider === 'sqlite') await mkdir(dirname(dbTarget.file), { recursive: true });
const applied = await applyMigrations(dbTarget);
if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
secrets();
const seeded = await isEmpty();
if (seeded) await seedDemo();
await db.$disconnect();

console.log(seeded ? '\nSeeded the demo operation.' : '');
console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}`);
