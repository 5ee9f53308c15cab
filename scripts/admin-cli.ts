// npm run admin -- --email ops@example.org [--name "Ops Lead"] [--password ...]
// Creates an administrator, or makes an existing account one. Without --password, a random one is
// generated and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { ensureAccount } from '../src/lib/server/auth/accounts';
import { db, dbTarget } from '../src/lib/server/db';
import { applyMigrations } from './db/migrations';

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } }
});

const input = v.safeParse(
	v.object({
		email: v.pipe(
			v.string('--email is required'),
			v.trim(),
			v.toLowerCase(),
			v.email('--email is not an email address')
		),
		name: v.optional(
			v.pipe(v.string(), v.trim(), v.minLength(2, '--name needs 2 characters or more')),
			'Administrator'
		),
		password: v.optional(v.pipe(v.string(), v.minLength(10, '--password needs 10 characters or more')))
	}),
	values
);
if (!input.success) {
	console.error(input.issues.map((issue) => issue.message).join('\n'));
	console.error('Usage: npm run admin -- --email you@example.org [--name "Your Name"] [--password ...]');
	process.exit(2);
}

await applyMigrations(dbTarget);
const password = input.output.password ?? randomBytes(12).toString('base64url');
const { created } = await ensureAccount({ ...input.output, password, role: 'ADMIN' });
console.log(`${created ? 'Created' : 'Updated'} administrator ${input.output.email}.`);
if (!input.output.password) console.log(`Password: ${password}`);
await db.$disconnect();
