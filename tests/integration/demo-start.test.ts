// `npm start`'s data step with the demo (the default): the demo accounts get a password generated
// on first start, kept in the data folder (mode 600) and printed at every start.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { authenticate } from '$lib/server/auth/accounts';
import { verifyPassword } from '$lib/server/auth/password';
import { db } from '$lib/server/db';

const run = promisify(execFile);

const prepare = (dataDir: string) =>
	run('npx', ['tsx', 'scripts/prepare-data.ts'], {
		env: { ...process.env, DATA_DIR: dataDir },
		timeout: 180_000
	});

describe(`the demo start on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('generates the demo password once, keeps it private and prints it at every start', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'redband-demo-start-'));
		const first = await prepare(dataDir);
		const file = join(dataDir, 'demo-password');
		const password = readFileSync(file, 'utf8').trim();
		expect(password.length).toBeGreaterThanOrEqual(16);
		expect(password).not.toBe('redband-demo');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(first.stdout).toContain(`password "${password}"`);
		expect(first.stdout).toContain('admin@redband.demo');

		const admin = await authenticate('admin@redband.demo', password, '198.51.100.30');
		expect(admin.role).toBe('ADMIN');
		const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@redband.demo' } });
		expect(await verifyPassword(user.passwordHash, 'redband-demo')).toBe(false);

		const second = await prepare(dataDir);
		expect(second.stdout).toContain(`password "${password}"`);
		expect(second.stdout).not.toContain('Seeded');
		expect(readFileSync(file, 'utf8').trim()).toBe(password);
	});
});
