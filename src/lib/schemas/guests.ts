// Form schemas for guest help and lost and found. The guests' own forms answer in the guest's
// language (guest messages); the volunteers' and organizers' in theirs.
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { m as g } from '$lib/paraglide-guest/messages';
import { locales as guestLocales } from '$lib/paraglide-guest/runtime';
import { GUEST_HELP_KINDS, GUEST_NOTE_MAX } from '$lib/guests/kinds';
import { phone } from './auth';
import { optionalText } from './forms';
import { dateField, optional, text, timeField } from './rostering';

const coordinate = (limit: number) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? undefined : Number(value))),
		v.check(
			(value) => value === undefined || (Number.isFinite(value) && Math.abs(value) <= limit),
			() => g.guest_error_position()
		)
	);

/** A guest's help request; the photo is the form's file field, checked by its bytes. */
export const helpRequestSchema = v.object({
	kind: v.picklist(GUEST_HELP_KINDS, () => g.guest_error_kind()),
	note: optionalText(
		v.pipe(
			v.string(),
			v.maxLength(GUEST_NOTE_MAX, () => g.guest_error_note_long({ count: GUEST_NOTE_MAX }))
		)
	),
	lat: coordinate(90),
	lng: coordinate(180),
	accuracy: coordinate(1_000_000)
});

export const guestLanguageSchema = v.object({
	locale: v.picklist(guestLocales, () => g.guest_error_language())
});

export const cardSchema = v.object({
	zoneId: text(64),
	postId: optional(64),
	label: optional(60)
});

export const cardEnabledSchema = v.object({
	id: text(64),
	enabled: v.picklist(['true', 'false'])
});

export const guestPhoneSchema = v.object({ id: text(64), guestPhone: optionalText(phone) });

export const armbandSchema = v.object({
	armband: optionalText(
		v.pipe(
			v.string(),
			v.regex(/^[\p{L}\p{N}-]{1,12}$/u, () => m.error_armband_invalid())
		)
	)
});

export const LOST_FOUND_KINDS = ['LOST', 'FOUND'] as const;
export const HANDOVER_PROOFS = [
	'ID_DOCUMENT',
	'DESCRIBED_CONTENTS',
	'UNLOCKED_DEVICE',
	'PHOTO_OF_OWNER_WITH_ITEM',
	'OTHER'
] as const;

export const itemSchema = v.object({
	kind: v.picklist(LOST_FOUND_KINDS),
	description: text(500),
	place: optional(120),
	zoneId: optional(64),
	date: dateField,
	time: timeField
});

export const matchSchema = v.object({ id: text(64), otherId: text(64) });

export const handoverSchema = v.pipe(
	v.object({
		id: text(64),
		receiverName: text(120),
		proof: v.picklist(HANDOVER_PROOFS, () => m.error_handover_proof()),
		proofNote: optional(500)
	}),
	v.forward(
		v.check(
			(input) => input.proof !== 'OTHER' || !!input.proofNote,
			() => m.error_handover_proof_note()
		),
		['proofNote']
	)
);
