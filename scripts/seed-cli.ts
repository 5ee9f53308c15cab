// npm run db:seed: fills an empty database with the demo operation (does nothing otherwise).
import { db } from '../src/lib/server/db';
import { DEMO_LOGINS, DEMO_PASSWORD, isEmpty, seedDemo } from '../src/lib/server/demo/seed';

if (await isEmpty()) {
	await seedDemo();
	console.log('Seeded the demo operation. Demo logins (password: ' + DEMO_PASSWORD + '):');
	for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(10)} ${login.email}`);
} else {
	console.log('The database already has data; the demo seed was skipped.');
}
await db.$disconnect();
