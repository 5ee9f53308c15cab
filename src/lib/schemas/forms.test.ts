import { describe, expect, it } from 'vitest';
import { formObject, safeValues } from './forms';

describe('formObject', () => {
	it('keeps every value of array fields and the last of the others', () => {
		const form = new FormData();
		form.append('skills', 'FIRST_AID');
		form.append('skills', 'DRIVING');
		form.append('name', 'first');
		form.append('name', 'second');
		expect(formObject(form, ['skills', 'languages'])).toEqual({
			skills: ['FIRST_AID', 'DRIVING'],
			languages: [],
			name: 'second'
		});
	});
});

describe('safeValues', () => {
	it('never echoes passwords, tokens or secrets back to the page', () => {
		expect(
			safeValues({
				email: 'a@b.org',
				password: 'p',
				newPassword: 'q',
				resetToken: 't',
				clientSecret: 's',
				file: new Blob()
			})
		).toEqual({ email: 'a@b.org' });
	});
});
