// npm run db:migrate: applies pending migrations to DATABASE_URL (default: the SQLite file in ./data).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { databaseTarget } from '../../src/lib/server/db/target';
import { applyMigrations } from './migrations';

const target = databaseTarget();
if (target.provider === 'sqlite') await mkdir(dirname(target.file), { recursive: true });
const applied = await applyMigrations(target);
console.log(
	applied.length
		? `Applied ${applied.length} migration(s) to ${target.provider}: ${applied.join(', ')}`
		: `The ${target.provider} database is up to date.`
);
