// What the coverage forms send: route coverage settings, alert handling, flag decisions, spot
// checks and attendance marked by hand. Shared by the pages (field names) and the actions.
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';

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

const checkbox = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => value === 'on' || value === 'true')
);

const id = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64));

/** A note a person must write (why an alert is resolved, why a flag is dismissed, ...). */
const note = (max = 500) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty(() => m.error_note_required()),
		v.maxLength(max, () => m.error_text_long({ max }))
	);

export const NOTE_MAX = 500;

export const routeCoverageSchema = v.object({
	travel: v.picklist(['WALK', 'CYCLE'], () => m.error_choose_option()),
	requirePosition: checkbox,
	freshMinutes: integer(5, 240),
	staleMinutes: integer(10, 720)
});

export const alertSchema = v.object({ id });
export const assignAlertSchema = v.object({
	id,
	userId: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty(() => m.error_choose_option())
	)
});
export const resolveAlertSchema = v.object({ id, note: note() });

export const flagReviewSchema = v.object({
	id,
	decision: v.picklist(['CONFIRMED', 'DISMISSED'], () => m.error_choose_option()),
	note: note()
});

export const SPOT_CHECK_MINUTES = { min: 2, max: 60 } as const;
export const spotCheckSchema = v.object({
	patrolId: id,
	minutes: integer(SPOT_CHECK_MINUTES.min, SPOT_CHECK_MINUTES.max)
});
/** "Send someone" to a blind spot: the checkpoint's id. */
export const sendSomeoneSchema = v.object({ id });
export const declineSpotCheckSchema = v.object({ id, reason: note(300) });
export const spotCheckSettingsSchema = v.object({
	randomSpotChecks: checkbox,
	spotCheckMinutes: integer(SPOT_CHECK_MINUTES.min, SPOT_CHECK_MINUTES.max)
});

const time = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.check(
		(value) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value),
		() => m.error_time_invalid()
	),
	v.transform((value) => (value === '' ? undefined : value))
);

export const attendanceMarkSchema = v.object({
	id,
	kind: v.picklist(['PRESENT', 'ABSENT'], () => m.error_choose_option()),
	/** Local times (the operation's timezone) on the shift's day; empty: the shift's start or end. */
	arrivedAt: time,
	leftAt: time,
	reason: note(300)
});
