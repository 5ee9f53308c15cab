// The production build, served for the end-to-end tests on a fresh SQLite database seeded with the
// demo operation. The data folder is wiped at start and removed when Playwright stops the server.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dataDir = process.env.E2E_DATA_DIR!;
const port = process.env.E2E_PORT!;
if (!existsSync('build/index.js')) {
	console.error('No production build: run `npm run build` first (npm test does).');
	process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });

const env = {
	...process.env,
	DATA_DIR: dataDir,
	DATABASE_URL: `file:${join(dataDir, 'e2e.db')}`,
	PORT: port,
	ORIGIN: `http://localhost:${port}`,
	NODE_ENV: 'production',
	BODY_SIZE_LIMIT: '3M',
	// The test browser talks plain HTTP to localhost.
	COOKIE_SECURE: 'false',
	// Low enough that the guest test reaches the per-card limit in a few requests.
	GUEST_HELP_PER_CARD: '3'
};
process.env = env;

const { seedTestData } = await import('./seed');
await seedTestData();

const server = spawn(process.execPath, ['build'], { env, stdio: 'inherit' });
const stop = () => {
	server.kill('SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
server.on('exit', (code) => {
	rmSync(dataDir, { recursive: true, force: true });
	process.exit(code ?? 0);
});
