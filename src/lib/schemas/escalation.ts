// Schemas for SOS, welfare checks, escalation settings and zone alerts (forms and the phone's JSON).
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { SOS_KINDS } from '$lib/sos-kinds';
import { optionalText } from './forms';

export { SOS_KINDS, type SosKind } from '$lib/sos-kinds';

const latitude = v.optional(v.nullable(v.pipe(v.number(), v.minValue(-90), v.maxValue(90))));
const longitude = v.optional(v.nullable(v.pipe(v.number(), v.minValue(-180), v.maxValue(180))));
const accuracy = v.optional(v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(100_000))));
const isoTime = v.pipe(
	v.string(),
	v.check(
		(value) => !Number.isNaN(Date.parse(value)),
		() => m.error_patrol_request()
	)
);
const note = v.optional(
	v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(500, () => m.error_text_long({ max: 500 }))
	)
);

/** What the phone sends (through the outbox): id made on the phone, honest times, position. */
export const sosSchema = v.object({
	id: v.pipe(v.string(), v.trim(), v.minLength(8), v.maxLength(64)),
	phoneTime: isoTime,
	sentAt: v.optional(isoTime),
	kind: v.optional(v.picklist(SOS_KINDS)),
	note,
	lat: latitude,
	lng: longitude,
	accuracy
});
export type SosInput = v.InferOutput<typeof sosSchema>;

/** Kind and note added after the SOS went out (also through the outbox). */
export const sosDetailSchema = v.object({
	id: v.pipe(v.string(), v.trim(), v.minLength(8), v.maxLength(64)),
	sosId: v.pipe(v.string(), v.trim(), v.minLength(8), v.maxLength(64)),
	phoneTime: isoTime,
	sentAt: v.optional(isoTime),
	kind: v.optional(v.picklist(SOS_KINDS)),
	note
});
export type SosDetailInput = v.InferOutput<typeof sosDetailSchema>;

/** The app's heartbeat. */
export const presenceSchema = v.object({ lat: latitude, lng: longitude, accuracy });

const alertId = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty(() => m.error_patrol_request()),
	v.maxLength(64)
);

/** Answering an alert from its page: the record id in a hidden field. */
export const alertAnswerSchema = v.object({ id: alertId });
export const alertResolveSchema = v.object({
	id: alertId,
	note: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_text_required()),
		v.maxLength(500, () => m.error_text_long({ max: 500 }))
	)
});
export const alertCancelSchema = v.object({
	id: alertId,
	note: optionalText(v.pipe(v.string(), v.maxLength(500)))
});

const whole = (min: number, max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d{1,6}$/, () => m.error_alert_setting_range({ min, max })),
		v.transform(Number),
		v.minValue(min, () => m.error_alert_setting_range({ min, max })),
		v.maxValue(max, () => m.error_alert_setting_range({ min, max }))
	);

export const alertSettingsSchema = v.object({
	stepWaitSeconds: whole(10, 3600),
	nearestCount: whole(0, 20),
	welfareMinutes: whole(5, 720),
	welfareGraceMinutes: whole(1, 120),
	commandPostPhone: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(value) => value === '' || /^\+?[\d\s().-]{3,30}$/.test(value),
			() => m.error_alert_phone()
		),
		v.transform((value) => (value === '' ? null : value))
	)
});
export type AlertSettingsInput = v.InferOutput<typeof alertSettingsSchema>;

/** Zone alert from the board: zones and/or checkpoints, and a short text. */
export const zoneAlertSchema = v.pipe(
	v.object({
		zoneIds: v.pipe(v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []), v.maxLength(200)),
		checkpointIds: v.pipe(v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []), v.maxLength(200)),
		message: v.pipe(
			v.string(),
			v.trim(),
			v.nonEmpty(() => m.error_text_required()),
			v.maxLength(300, () => m.error_text_long({ max: 300 }))
		)
	}),
	v.forward(
		v.check(
			(input) => input.zoneIds.length + input.checkpointIds.length > 0,
			() => m.error_alert_zone_none()
		),
		['zoneIds']
	)
);
export type ZoneAlertInput = v.InferOutput<typeof zoneAlertSchema>;
