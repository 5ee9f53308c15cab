import type { Cookies } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeRedirectPath, setSessionCookie } from './cookies';

describe('safeRedirectPath', () => {
	it('follows paths on this site only', () => {
		expect(safeRedirectPath('/organizer/approvals?x=1')).toBe('/organizer/approvals?x=1');
		expect(safeRedirectPath('//evil.example/')).toBeNull();
		expect(safeRedirectPath('/\\evil.example')).toBeNull();
		expect(safeRedirectPath('https://evil.example/')).toBeNull();
		expect(safeRedirectPath('')).toBeNull();
		expect(safeRedirectPath(null)).toBeNull();
	});
});

describe('the session cookie', () => {
	afterEach(() => vi.unstubAllEnvs());

	function optionsSet() {
		const set = vi.fn();
		setSessionCookie({ set } as unknown as Cookies, 'token', new Date('2026-12-30T00:00:00Z'));
		return set.mock.calls[0];
	}

	it('is HttpOnly, SameSite=Lax, site-wide and Secure in production', () => {
		vi.stubEnv('NODE_ENV', 'production');
		vi.stubEnv('COOKIE_SECURE', '');
		const [name, value, options] = optionsSet();
		expect([name, value]).toEqual(['session', 'token']);
		expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
		expect(options.expires).toEqual(new Date('2026-12-30T00:00:00Z'));
	});

	it('drops Secure only when told to, for an intranet without TLS', () => {
		vi.stubEnv('NODE_ENV', 'production');
		vi.stubEnv('COOKIE_SECURE', 'false');
		expect(optionsSet()[2]).toMatchObject({ httpOnly: true, secure: false });
	});
});
