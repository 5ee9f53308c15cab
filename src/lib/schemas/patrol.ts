// What a phone sends for a patrol: the same flat fields whether they come as JSON from the offline
// outbox or as a form posted without JavaScript (where every value is a string).
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { optionalText } from './forms';

export const REPORT_CATEGORIES = [
	'SUSPICIOUS_ACTIVITY',
	'LOST_PERSON',
	'LOST_PROPERTY',
	'MEDICAL',
	'CROWD',
	'TRAFFIC',
	'FACILITY',
	'OTHER'
] as const;
export const REPORT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const REPORT_STATUSES = ['NEW', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ReportSeverity = (typeof REPORT_SEVERITIES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const HANDOVER_MAX = 2000;
export const REPORT_TEXT_MAX = 2000;
export const NOTE_MAX = 2000;
/**
 * Phones shrink photos to at most this before queueing them: well under the "about 1 MB",
 * because the Node server refuses request bodies over 512 KB unless BODY_SIZE_LIMIT is raised.
 */
export const PHOTO_TARGET_BYTES = 450_000;
/** The server refuses larger photos. */
export const PHOTO_MAX_BYTES = 500_000;

/** Ids made on the phone (crypto.randomUUID, or the form's own for posts without JavaScript). */
const clientId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_-]{8,64}$/, () => m.error_patrol_client_id())
);

const instant = v.pipe(
	v.optional(v.string(), ''),
	v.transform((text) => (text === '' ? undefined : new Date(text))),
	v.check(
		(date) => date === undefined || !Number.isNaN(date.getTime()),
		() => m.error_patrol_time()
	),
	v.optional(v.date())
);

const coordinate = (min: number, max: number) =>
	v.pipe(
		v.optional(v.union([v.number(), v.string()]), ''),
		v.transform((value) => (value === '' ? undefined : Number(value))),
		v.check(
			(value) => value === undefined || (Number.isFinite(value) && value >= min && value <= max),
			() => m.error_patrol_position()
		)
	);

const common = {
	id: clientId,
	assignmentId: v.pipe(
		v.string(),
		v.nonEmpty(() => m.error_patrol_assignment_not_found())
	),
	phoneTime: instant,
	sentAt: instant,
	lat: coordinate(-90, 90),
	lng: coordinate(-180, 180),
	accuracy: coordinate(0, 1_000_000)
};

export const startPatrolSchema = v.object(common);

export const checkInSchema = v.variant('method', [
	v.object({
		...common,
		method: v.literal('QR'),
		token: v.pipe(
			v.string(),
			v.trim(),
			v.nonEmpty(() => m.error_patrol_token_invalid()),
			v.maxLength(2000)
		)
	}),
	v.object({
		...common,
		method: v.literal('CODE'),
		code: v.pipe(
			v.string(),
			v.transform((code) => code.replace(/\s+/g, '').toUpperCase()),
			v.nonEmpty(() => m.error_patrol_code_required()),
			v.maxLength(20, () => m.error_patrol_code_long())
		)
	})
]);

export const endPatrolSchema = v.object({
	...common,
	handoverNote: optionalText(
		v.pipe(
			v.string(),
			v.maxLength(HANDOVER_MAX, () => m.error_patrol_note_long())
		)
	)
});

export const reportSchema = v.object({
	id: clientId,
	assignmentId: optionalText(v.string()),
	phoneTime: instant,
	sentAt: instant,
	lat: common.lat,
	lng: common.lng,
	accuracy: common.accuracy,
	category: v.picklist(REPORT_CATEGORIES, () => m.error_report_category()),
	severity: v.picklist(REPORT_SEVERITIES, () => m.error_report_severity()),
	text: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(3, () => m.error_report_text_short()),
		v.maxLength(REPORT_TEXT_MAX, () => m.error_report_text_long())
	)
});

export const triageSchema = v.object({
	status: v.optional(v.union([v.literal(''), v.picklist(REPORT_STATUSES)]), ''),
	note: optionalText(
		v.pipe(
			v.string(),
			v.maxLength(NOTE_MAX, () => m.error_report_note_long())
		)
	)
});

/** A parsed input with its may-be-absent fields optional, as the domain functions take them. */
type Loose<T> = T extends unknown
	? { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
			[K in keyof T as undefined extends T[K] ? K : never]?: T[K];
		}
	: never;

export type StartPatrolInput = Loose<v.InferOutput<typeof startPatrolSchema>>;
export type CheckInInput = Loose<v.InferOutput<typeof checkInSchema>>;
export type EndPatrolInput = Loose<v.InferOutput<typeof endPatrolSchema>>;
export type ReportInput = Loose<v.InferOutput<typeof reportSchema>>;

/** The position fields of an input, when it has a usable one. */
export function positionOf(input: { lat?: number; lng?: number; accuracy?: number }) {
	if (input.lat === undefined || input.lng === undefined) return null;
	return { lat: input.lat, lng: input.lng, accuracy: input.accuracy ?? null };
}
