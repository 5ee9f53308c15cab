// Run by `npm start` before the server: applies migrations, creates the installation's secrets
// once, and then either seeds the demo operation into an empty database (the default: a first try)
// or, with REDBAND_DEMO=off, prints a one-time link that creates the first administrator.
//
// No account ever has a password written down anywhere: the demo's is generated on first start and
// kept in the data folder (demo/password.ts).
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { db, dbTarget } from '../src/lib/server/db';
import { demoPassword, storedDemoPassword } from '../src/lib/server/demo/password';
import { DEMO_LOGINS, isEmpty, seedDemo } from '../src/lib/server/demo/seed';
import { makeSetupToken, SETUP_LINK_HOURS } from '../src/lib/server/auth/setup';
import { secrets } from '../src/lib/server/secrets';
import { applyMigrations } from './db/migrations';

if (dbTarget.provider === 'sqlite') await mkdir(dirname(dbTarget.file), { recursive: true });
const applied = await applyMigrations(dbTarget);
if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
secrets();

const demo = (process.env.REDBAND_DEMO ?? 'on').toLowerCase() !== 'off';
const origin = process.env.ORIGIN || `http://localhost:${process.env.PORT || '3000'}`;

if (demo) {
	if (await isEmpty()) {
		await seedDemo(demoPassword());
		console.log('\nSeeded the demo operation.');
	}
	const password = storedDemoPassword();
	const demoAdmin = await db.user.findUnique({
		where: { email: DEMO_LOGINS[0].email },
		select: { id: true }
	});
	if (password && demoAdmin) {
		console.log(`Demo logins (password "${password}", kept in the data folder's demo-password file):`);
		for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}`);
	}
} else {
	const token = await makeSetupToken();
	if (token) {
		console.log(
			`\nNo administrator yet. Create the first one at this link (works once, for ${SETUP_LINK_HOURS} hours;` +
				' a new start prints a new one):'
		);
		console.log(`  ${new URL(`/setup/${token}`, origin).href}`);
		console.log('Or run: npm run admin -- --email you@example.org');
	}
}
await db.$disconnect();
