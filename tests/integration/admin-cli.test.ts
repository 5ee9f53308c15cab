// `npm run admin` as an operator runs it: a separate process against the configured database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '$lib/server/auth/password';
import { db } from '$lib/server/db';
import { unique } from '$test/factories';

const run = promisify(execFile);

function admin(...args: string[]) {
	return run('npx', ['tsx', 'scripts/admin-cli.ts', ...args], { env: process.env, timeout: 60_000 }).then(
		(result) => ({ code: 0, ...result }),
		(error: { code: number; stdout: string; stderr: string }) => error
	);
}

describe(`npm run admin on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('creates an administrator with a generated password printed once', async () => {
		const email = `${unique('ops')}@example.org`;
		const result = await admin('--email', email.toUpperCase(), '--name', 'Ops Lead');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`Created administrator ${email}.`);
		const password = /Password: (\S+)/.exec(result.stdout)?.[1];
		expect(password).toBeDefined();

		const user = await db.user.findUniqueOrThrow({ where: { email } });
		expect(user).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', name: 'Ops Lead' });
		expect(await verifyPassword(user.passwordHash, password!)).toBe(true);
	});

	it('refuses a bad email or a short password with a clear message and writes nothing', async () => {
		const before = await db.user.count();
		const badEmail = await admin('--email', 'not-an-email');
		expect(badEmail.code).toBe(2);
		expect(badEmail.stderr).toContain('--email is not an email address');
		const shortPassword = await admin('--email', `${unique('x')}@example.org`, '--password', 'short');
		expect(shortPassword.code).toBe(2);
		expect(shortPassword.stderr).toContain('--password needs 10 characters or more');
		expect(await db.user.count()).toBe(before);
	});
});
