// `npm start`'s data step (scripts/prepare-data.ts) as an operator runs it, on a fresh database:
// with REDBAND_DEMO=off nothing has a password anyone knows, and the one-time link it prints is
// the only way in; with the demo, the demo's password is the installation's own.
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkSetupToken, createFirstAdmin } from '$lib/server/auth/setup';
import { verifyPassword } from '$lib/server/auth/password';
import { db } from '$lib/server/db';

const run = promisify(execFile);

function prepare(env: Record<string, string>) {
	return run('npx', ['tsx', 'scripts/prepare-data.ts'], {
		env: { ...process.env, ORIGIN: 'https://redband.example', ...env },
		timeout: 120_000
	});
}

const LEAKED = ['redband-demo', 'password', 'admin', 'changeme', 'decoy-password-for-timing'];

describe(`a fresh start on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('with REDBAND_DEMO=off creates no account and prints a one-time first-admin link', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'redband-first-start-'));
		expect(await db.user.count()).toBe(0);
		const first = await prepare({ REDBAND_DEMO: 'off', DATA_DIR: dataDir });
		expect(first.stdout).not.toContain('Demo logins');
		expect(await db.user.count()).toBe(0);
		expect(() => statSync(join(dataDir, 'demo-password'))).toThrow();
		const link = /https:\/\/redband\.example\/setup\/([\w-]+)/.exec(first.stdout);
		expect(link).not.toBeNull();
		// Only the token's hash is stored.
		const stored = await db.setupToken.findMany();
		expect(stored).toHaveLength(1);
		expect(stored[0].tokenHash).not.toContain(link![1]);

		// A second start prints a new link; the first one stops working.
		const second = await prepare({ REDBAND_DEMO: 'off', DATA_DIR: dataDir });
		const token = /\/setup\/([\w-]+)/.exec(second.stdout)![1];
		await expect(checkSetupToken(link![1])).rejects.toMatchObject({ code: 'setup_invalid' });

		// It expires after 24 hours.
		await expect(checkSetupToken(token, new Date(Date.now() + 25 * 3_600_000))).rejects.toMatchObject({
			code: 'setup_expired'
		});
		// Two racing submissions: one administrator.
		const results = await Promise.allSettled([
			createFirstAdmin(token, {
				name: 'First Admin',
				email: 'first@city.example',
				password: 'first admin pw 1'
			}),
			createFirstAdmin(token, {
				name: 'Other Admin',
				email: 'other@city.example',
				password: 'other admin pw 2'
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const admins = await db.user.findMany({ where: { role: 'ADMIN' } });
		expect(admins).toHaveLength(1);
		await expect(checkSetupToken(token)).rejects.toMatchObject({ code: 'setup_used' });
		// Nobody has a password anyone could know.
		for (const user of await db.user.findMany()) {
			for (const guess of LEAKED) expect(await verifyPassword(user.passwordHash, guess)).toBe(false);
		}
		// Once there is an administrator, no more links.
		const third = await prepare({ REDBAND_DEMO: 'off', DATA_DIR: dataDir });
		expect(third.stdout).not.toContain('/setup/');
		expect(await db.auditEntry.count({ where: { action: 'account.first_admin' } })).toBe(1);
		// Three real starts of the data step, each a Node process compiling TypeScript: on a busy
		// 2-core machine that alone can take a minute.
	}, 300_000);
});
