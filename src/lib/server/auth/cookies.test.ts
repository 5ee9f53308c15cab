import type { Cookies } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeRedirectPath, setSessionCookie } from './cookies';

const ORIGIN = 'https://redband.example';

// Known open-redirect bypasses (OWASP's and PortSwigger's lists, and what browsers normalise):
// none may leave the site, whatever a browser makes of it.
const BYPASSES = [
	'//evil.example',
	'///evil.example',
	'////evil.example/phish',
	'/\\evil.example',
	'\\\\evil.example',
	'/\\/evil.example',
	'\\/evil.example',
	'/\t/evil.example/phish',
	'/%09/evil.example/phish',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'/%0d%0a/evil.example',
	'/%0a/evil.example',
	'/\u0000//evil.example',
	'/%00//evil.example',
	'/ /evil.example',
	' //evil.example',
	'/%20/evil.example',
	'/%2f%2fevil.example',
	'/%2F/evil.example',
	'%2f%2fevil.example',
	'/%5cevil.example',
	'/%5C%5Cevil.example',
	'/%252f%252fevil.example',
	'/%25%32%66%25%32%66evil.example',
	'/..//evil.example',
	'/x/..//evil.example',
	'/.//evil.example',
	'/%2e%2e%2f%2fevil.example',
	'https://evil.example',
	'http://evil.example',
	'HTTPS://evil.example',
	'http:evil.example',
	'https:/evil.example',
	'//evil.example@redband.example',
	'https://redband.example@evil.example',
	'https://redband.example.evil.example/',
	'//redband.example.evil.example',
	'javascript:alert(1)',
	'JaVaScRiPt:alert(1)',
	'java\tscript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'evil.example',
	'.evil.example',
	'@evil.example',
	'/\u3002evil.example',
	'/\u3000/evil.example',
	'\u2028//evil.example',
	'/\u2029/evil.example',
	'/\uff0f\uff0fevil.example',
	'/\u200b/evil.example',
	'/?x=\u0000',
	'/home?\r\nSet-Cookie:x=1',
	'/home#\t//evil',
	'/home?q=%0d%0aSet-Cookie:x',
	'/home?q=%5c',
	'',
	' ',
	'/' + 'a'.repeat(3000)
];

describe('safeRedirectPath', () => {
	it('follows paths on this site, with their query and fragment', () => {
		expect(safeRedirectPath('/organizer/approvals?x=1', ORIGIN)).toBe('/organizer/approvals?x=1');
		expect(safeRedirectPath('/organizer/volunteers?q=%E5%BC%A0&status=PENDING', ORIGIN)).toBe(
			'/organizer/volunteers?q=%E5%BC%A0&status=PENDING'
		);
		expect(safeRedirectPath('/shifts/abc123#today', ORIGIN)).toBe('/shifts/abc123#today');
		expect(safeRedirectPath('/', ORIGIN)).toBe('/');
	});

	for (const bypass of BYPASSES) {
		it(`refuses ${JSON.stringify(bypass).slice(0, 60)}`, () => {
			expect(safeRedirectPath(bypass, ORIGIN)).toBeNull();
		});
	}

	it('refuses what is not a string', () => {
		expect(safeRedirectPath(null, ORIGIN)).toBeNull();
		expect(safeRedirectPath(undefined, ORIGIN)).toBeNull();
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
