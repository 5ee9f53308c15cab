// Throttling that holds under concurrency: an attempt is counted before argon2 runs. The password
// module is wrapped so the test counts how many attempts actually reached a password check.
import { describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import type { DomainError } from '$lib/server/errors';
import { makeUser, PASSWORD, unique } from '$test/factories';
import { authenticate, signUp } from './accounts';
import * as password from './password';
import { LIMITS } from './throttle';

vi.mock('./password', async (original) => {
	const actual = await original<typeof import('./password')>();
	return {
		...actual,
		hashPassword: vi.fn(actual.hashPassword),
		verifyPassword: vi.fn(actual.verifyPassword),
		verifyAgainstDecoy: vi.fn(actual.verifyAgainstDecoy)
	};
});

const checks = () =>
	vi.mocked(password.verifyPassword).mock.calls.length +
	vi.mocked(password.verifyAgainstDecoy).mock.calls.length;
const codeOf = (result: PromiseSettledResult<unknown>) =>
	result.status === 'rejected' ? (result.reason as DomainError).code : 'ok';

describe(`login throttling under concurrency on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('30 parallel wrong logins for one account: at most the allowed number reach the password check', async () => {
		const user = await makeUser();
		vi.mocked(password.verifyPassword).mockClear();
		vi.mocked(password.verifyAgainstDecoy).mockClear();
		const results = await Promise.allSettled(
			Array.from({ length: 30 }, (_, i) => authenticate(user.email, `guess ${i}`, `10.9.${i}.1`))
		);
		const codes = results.map(codeOf);
		expect(checks()).toBeLessThanOrEqual(LIMITS.account.failures);
		expect(codes.filter((c) => c === 'invalid_credentials').length).toBe(checks());
		expect(codes.filter((c) => c === 'too_many_attempts').length).toBe(30 - checks());
		// The right password is refused too now, without a check.
		const before = checks();
		await expect(authenticate(user.email, PASSWORD, '10.9.99.1')).rejects.toMatchObject({
			code: 'too_many_attempts',
			status: 429
		});
		expect(checks()).toBe(before);
	});

	it('30 parallel logins for unknown accounts from one address: at most the address limit is checked', async () => {
		const ip = `10.10.${Math.floor(Math.random() * 250)}.1`;
		vi.mocked(password.verifyAgainstDecoy).mockClear();
		vi.mocked(password.verifyPassword).mockClear();
		await db.loginThrottle.create({
			data: { key: `ip:${ip}`, failures: LIMITS.ip.failures - 3, windowStart: new Date() }
		});
		const results = await Promise.allSettled(
			Array.from({ length: 30 }, () => authenticate(`${unique('spray')}@nobody.org`, 'guess', ip))
		);
		expect(checks()).toBe(3);
		expect(results.map(codeOf).filter((c) => c === 'too_many_attempts')).toHaveLength(27);
	});

	it('sign-up checks for a duplicate before hashing, and is throttled per address', async () => {
		const ip = `10.11.${Math.floor(Math.random() * 250)}.1`;
		const account = (email: string) => ({
			name: 'Zhang Wei',
			email,
			password: 'a long enough password',
			locale: 'zh'
		});
		const email = `${unique('dup')}@example.org`;
		await signUp(account(email), ip);
		vi.mocked(password.hashPassword).mockClear();
		await expect(signUp(account(email.toUpperCase()), ip)).rejects.toMatchObject({ code: 'email_taken' });
		expect(password.hashPassword).not.toHaveBeenCalled();

		await db.loginThrottle.update({
			where: { key: `signup:${ip}` },
			data: { failures: LIMITS.signup.failures }
		});
		await expect(signUp(account(`${unique('late')}@example.org`), ip)).rejects.toMatchObject({
			code: 'too_many_signups',
			status: 429
		});
		expect(password.hashPassword).not.toHaveBeenCalled();
		// Another address is not affected.
		await expect(signUp(account(`${unique('other')}@example.org`), `${ip}0`)).resolves.toHaveProperty('id');
	});
});
