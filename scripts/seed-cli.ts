// npm run db:seed: fills an empty database with the demo operation (does nothing otherwise). The
// demo password is the installation's own, generated once and kept in the data folder.
import { db } from '../src/lib/server/db';
import { demoPassword } from '../src/lib/server/demo/password';
import { DEMO_LOGINS, isEmpty, seedDemo } from '../src/lib/server/demo/seed';

if (await isEmpty()) {
	const password = demoPassword();
	await seedDemo(password);
	console.log(`Seeded the demo operation. Demo logins (password "${password}"):`);
	for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}`);
} else {
	console.log('The database already has data; the demo seed was skipped.');
}
await db.$disconnect();
