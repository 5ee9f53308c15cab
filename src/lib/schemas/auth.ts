import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { optionalText } from './forms';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const email = v.pipe(
	v.string(),
	v.trim(),
	v.toLowerCase(),
	v.nonEmpty(() => m.error_email_required()),
	v.maxLength(254, () => m.error_email_invalid()),
	v.email(() => m.error_email_invalid())
);

/** A phone number as people type it ("+86 138-0013 8000"), stored as +digits. */
export const phone = v.pipe(
	v.string(),
	v.transform((text) => text.replace(/[\s().-]/g, '')),
	v.regex(/^\+[1-9]\d{6,14}$/, () => m.error_phone_invalid())
);

export const newPassword = v.pipe(
	v.string(),
	v.minLength(PASSWORD_MIN, () => m.error_password_short({ min: PASSWORD_MIN })),
	v.maxLength(PASSWORD_MAX, () => m.error_password_long({ max: PASSWORD_MAX }))
);

export const personName = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(2, () => m.error_name_required()),
	v.maxLength(100, () => m.error_name_long())
);

export const signUpSchema = v.object({
	name: personName,
	email,
	phone: optionalText(phone),
	password: newPassword,
	// An unticked checkbox is absent from the form, so a missing value is the usual case.
	consent: v.pipe(
		v.optional(v.string(), ''),
		v.check(
			(value) => value === 'on',
			() => m.error_consent_required()
		)
	)
});

export const loginSchema = v.object({
	email,
	password: v.pipe(
		v.string(),
		v.nonEmpty(() => m.error_password_required())
	)
});

const passwordsMatch = (input: { password: string; confirm: string }) => input.password === input.confirm;

/** A person sets their first password from a welcome link. */
export const setPasswordSchema = v.pipe(
	v.object({ password: newPassword, confirm: v.string() }),
	v.forward(
		v.check(passwordsMatch, () => m.error_password_mismatch()),
		['confirm']
	)
);

export const changePasswordSchema = v.pipe(
	v.object({
		current: v.pipe(
			v.string(),
			v.nonEmpty(() => m.error_password_required())
		),
		password: newPassword,
		confirm: v.string()
	}),
	v.forward(
		v.check(
			(input) => passwordsMatch(input),
			() => m.error_password_mismatch()
		),
		['confirm']
	)
);

export const localeSchema = v.object({
	locale: v.picklist(locales, () => m.error_locale_invalid()),
	redirectTo: v.optional(v.string(), '/')
});
