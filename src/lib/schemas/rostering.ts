// Form schemas for rostering: operations and their places, shifts, profiles, requests.
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { isLanguage, isSkill } from '$lib/skills';
import { phone, personName } from './auth';
import { optionalText } from './forms';

export const text = (max: number, message = () => m.error_text_required()) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(message),
		v.maxLength(max, () => m.error_text_long({ max }))
	);
export const optional = (max: number) =>
	optionalText(
		v.pipe(
			v.string(),
			v.maxLength(max, () => m.error_text_long({ max }))
		)
	);

export const dateField = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, () => m.error_date_invalid())
);
export const timeField = v.pipe(
	v.string(),
	v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, () => m.error_time_invalid())
);

const integer = (min: number, max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_number_range({ min, max })),
		v.transform(Number),
		v.number(() => m.error_number_range({ min, max })),
		v.integer(() => m.error_number_range({ min, max })),
		v.minValue(min, () => m.error_number_range({ min, max })),
		v.maxValue(max, () => m.error_number_range({ min, max }))
	);
const optionalInteger = (min: number, max: number) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? undefined : value)),
		v.optional(integer(min, max))
	);
const coordinate = (limit: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_coordinate({ limit })),
		v.transform(Number),
		v.number(() => m.error_coordinate({ limit })),
		v.minValue(-limit, () => m.error_coordinate({ limit })),
		v.maxValue(limit, () => m.error_coordinate({ limit }))
	);

const timezone = v.pipe(
	v.string(),
	v.trim(),
	v.check(
		(zone) => {
			try {
				new Intl.DateTimeFormat('en', { timeZone: zone });
				return zone.length > 0;
			} catch {
				return false;
			}
		},
		() => m.error_timezone_invalid()
	)
);

export const operationSchema = v.object({
	name: text(120),
	description: optional(1000),
	timezone,
	startDate: dateField,
	endDate: dateField,
	minRestHours: integer(0, 24),
	maxHoursPerDay: integer(1, 24)
});

const optionalId = optionalText(v.string());

export const zoneSchema = v.object({ name: text(80), description: optional(500), leadId: optionalId });

export const POST_KINDS = ['GATE', 'INFO_DESK', 'DEPOT', 'REST_AREA', 'FIRST_AID', 'OTHER'] as const;

export const postSchema = v.object({
	name: text(80),
	kind: v.picklist(POST_KINDS, () => m.error_choose_option()),
	zoneId: optionalId,
	lat: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim() || undefined),
		v.optional(coordinate(90))
	),
	lng: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim() || undefined),
		v.optional(coordinate(180))
	),
	description: optional(500)
});

export const routeSchema = v.object({
	name: text(80),
	zoneId: v.pipe(
		v.string(),
		v.nonEmpty(() => m.error_choose_option())
	),
	description: optional(1000),
	expectedIntervalMinutes: integer(5, 240)
});

export const checkpointSchema = v.object({
	name: text(80),
	lat: coordinate(90),
	lng: coordinate(180),
	instructions: optional(500),
	code: optionalText(
		v.pipe(
			v.string(),
			v.toUpperCase(),
			v.regex(/^[A-Z0-9]{2,8}$/, () => m.error_checkpoint_code())
		)
	)
});

const codes = (check: (code: string) => boolean) =>
	v.pipe(
		v.array(v.string()),
		v.check(
			(list) => list.every(check),
			() => m.error_choose_option()
		)
	);

const shiftFields = {
	place: v.pipe(
		v.string(),
		v.regex(/^(route|post):.+$/, () => m.error_shift_place_required())
	),
	title: optional(120),
	startTime: timeField,
	endTime: timeField,
	headcount: integer(1, 200),
	skills: codes(isSkill),
	languages: codes(isLanguage),
	minAge: optionalInteger(14, 99),
	instructions: optional(1000)
};

export const shiftSchema = v.object({ ...shiftFields, date: dateField });

export const batchSchema = v.object({ ...shiftFields, fromDate: dateField, toDate: dateField });

export const SHIFT_ARRAYS = ['skills', 'languages'] as const;

/** "route:abc" → { routeId: 'abc' }. */
export function placeIds(place: string): { routeId: string | null; postId: string | null } {
	const [kind, id] = [place.slice(0, place.indexOf(':')), place.slice(place.indexOf(':') + 1)];
	return { routeId: kind === 'route' ? id : null, postId: kind === 'post' ? id : null };
}

export const profileSchema = v.object({
	name: personName,
	phone: optionalText(phone),
	birthDate: optionalText(
		v.pipe(
			dateField,
			v.check(
				(day) => day >= '1900-01-01' && day <= new Date().toISOString().slice(0, 10),
				() => m.error_birth_date_invalid()
			)
		)
	),
	emergencyContactName: optional(100),
	emergencyContactPhone: optionalText(phone),
	languages: codes(isLanguage),
	skills: codes(isSkill),
	zoneIds: v.array(v.string()),
	consent: v.pipe(
		v.optional(v.string(), ''),
		v.check(
			(value) => value === 'on',
			() => m.error_consent_required()
		)
	)
});

export const PROFILE_ARRAYS = ['languages', 'skills', 'zoneIds'] as const;

export const availabilitySchema = v.object({
	date: dateField,
	startTime: timeField,
	endTime: timeField
});

export const requestSchema = v.object({
	kind: v.picklist(['DROP', 'SWAP'], () => m.error_choose_option()),
	targetShiftId: optionalId,
	reason: optional(500)
});
