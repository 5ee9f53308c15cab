import { describe, expect, it } from 'vitest';
import { validate } from './forms';
import { changePasswordSchema, loginSchema, signUpSchema } from './auth';

const valid = {
	name: '  Li Na ',
	email: ' Li.Na@Example.ORG ',
	phone: '+86 138-0013 8000',
	password: 'long enough password',
	consent: 'on'
};

describe('sign-up form', () => {
	it('normalises what people type', () => {
		expect(validate(signUpSchema, valid)).toEqual({
			ok: true,
			data: {
				name: 'Li Na',
				email: 'li.na@example.org',
				phone: '+8613800138000',
				password: valid.password,
				consent: 'on'
			}
		});
	});

	it('treats a blank phone as no phone', () => {
		const result = validate(signUpSchema, { ...valid, phone: '   ' });
		expect(result.ok && result.data.phone).toBeUndefined();
	});

	it('names each bad field with its own message', () => {
		const result = validate(signUpSchema, {
			name: 'A',
			email: 'not-an-email',
			phone: '12345',
			password: 'short'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['consent', 'email', 'name', 'password', 'phone']);
		expect(result.errors.email).toMatch(/email address/);
		expect(result.errors.password).toBe('Use at least 10 characters.');
		expect(result.errors.phone).toMatch(/country code/);
		expect(result.errors.consent).toBe('We need your agreement to store your details.');
	});

	it('refuses missing fields without throwing', () => {
		const result = validate(signUpSchema, {});
		expect(result.ok).toBe(false);
	});
});

describe('login and password change', () => {
	it('asks for a password', () => {
		const result = validate(loginSchema, { email: 'a@b.org', password: '' });
		expect(result).toEqual({ ok: false, errors: { password: 'Enter your password.' } });
	});

	it('requires the repeated password to match, reported on the repeat field', () => {
		const result = validate(changePasswordSchema, {
			current: 'x',
			password: 'new password 1',
			confirm: 'new password 2'
		});
		expect(result).toEqual({ ok: false, errors: { confirm: 'The two passwords are not the same.' } });
	});
});
