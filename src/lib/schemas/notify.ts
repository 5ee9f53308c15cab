// Schemas for notifications: a browser's push subscription (JSON from the subscribe endpoint), the
// broadcast form and its audience filters (form fields, also used for the live count).
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { optionalText } from './forms';

const base64url = (max: number) =>
	v.pipe(
		v.string(),
		v.regex(/^[A-Za-z0-9_-]+={0,2}$/, () => m.error_notice_subscription_invalid()),
		v.maxLength(max, () => m.error_notice_subscription_invalid())
	);

/** What `PushSubscription.toJSON()` gives in the browser, plus an optional device label. */
export const subscriptionSchema = v.object({
	endpoint: v.pipe(
		v.string(() => m.error_notice_subscription_invalid()),
		v.maxLength(2000, () => m.error_notice_subscription_invalid()),
		v.url(() => m.error_notice_subscription_invalid())
	),
	keys: v.object({ p256dh: base64url(200), auth: base64url(100) }, () =>
		m.error_notice_subscription_invalid()
	),
	label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80))),
	userAgent: v.optional(v.pipe(v.string(), v.maxLength(300)))
});
export type SubscriptionInput = v.InferOutput<typeof subscriptionSchema>;

export const URGENCIES = ['VERY_LOW', 'LOW', 'NORMAL', 'HIGH'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const AUDIENCE_ROLES = ['VOLUNTEER', 'LOGISTICS', 'ORGANIZER', 'ADMIN'] as const;

/**
 * Who a broadcast reaches, within one operation. Each filter that is given narrows the audience
 * (zones AND shifts AND roles ...); inside one filter any of the values matches.
 */
export interface AudienceFilters {
	zoneIds?: string[];
	shiftIds?: string[];
	roles?: (typeof AUDIENCE_ROLES)[number][];
	locales?: Locale[];
	onDutyNow?: boolean;
}

const ids = v.pipe(
	v.optional(v.array(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64))), []),
	v.maxLength(500),
	v.transform((list) => (list.length ? [...new Set(list)] : undefined))
);
const checkbox = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => value === 'on' || value === 'true')
);

/** Audience fields of the compose form (`formObject(form, AUDIENCE_ARRAYS)`). */
export const audienceFields = {
	operationId: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_text_required())
	),
	zoneIds: ids,
	shiftIds: ids,
	roles: v.pipe(
		v.optional(v.array(v.picklist(AUDIENCE_ROLES)), []),
		v.transform((list) => (list.length ? list : undefined))
	),
	locales: v.pipe(
		v.optional(v.array(v.picklist(locales)), []),
		v.transform((list) => (list.length ? list : undefined))
	),
	onDutyNow: checkbox
};
export const AUDIENCE_ARRAYS = ['zoneIds', 'shiftIds', 'roles', 'locales'] as const;

export const audienceSchema = v.object(audienceFields);

const title = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty(() => m.error_text_required()),
	v.maxLength(120, () => m.error_text_long({ max: 120 }))
);
const body = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty(() => m.error_text_required()),
	v.maxLength(2000, () => m.error_text_long({ max: 2000 }))
);
const optionalTitle = optionalText(
	v.pipe(
		v.string(),
		v.maxLength(120, () => m.error_text_long({ max: 120 }))
	)
);
const optionalBody = optionalText(
	v.pipe(
		v.string(),
		v.maxLength(2000, () => m.error_text_long({ max: 2000 }))
	)
);

/** Per-locale fields are `title_<locale>` / `body_<locale>`; a locale needs both or neither. */
const localeFields = Object.fromEntries(
	locales.flatMap((locale) => [
		[`title_${locale}`, optionalTitle],
		[`body_${locale}`, optionalBody]
	])
) as Record<`title_${Locale}` | `body_${Locale}`, typeof optionalTitle>;

export interface BroadcastText {
	title: string;
	body: string;
}

/** A broadcast as the domain takes it (what broadcastSchema gives). */
export interface BroadcastInput {
	operationId: string;
	/** The fallback text, for languages without their own. */
	title: string;
	body: string;
	translations: Partial<Record<Locale, BroadcastText>>;
	urgency: Urgency;
	requireAck: boolean;
	/** Minutes until the follow-up of the unacknowledged (only with requireAck). */
	followUpMinutes?: number;
	audience: AudienceFilters;
}

/** The compose form: fallback text, texts per language, audience, urgency and acknowledgement. */
export const broadcastSchema = v.pipe(
	v.object({
		...audienceFields,
		title,
		body,
		...localeFields,
		urgency: v.optional(v.picklist(URGENCIES), 'NORMAL'),
		requireAck: checkbox,
		followUpMinutes: v.pipe(
			v.optional(v.string(), ''),
			v.trim(),
			v.check(
				(value) => value === '' || /^\d{1,4}$/.test(value),
				() => m.error_notice_follow_up()
			),
			v.transform((value) => (value === '' ? undefined : Number(value))),
			v.check(
				(value) => value === undefined || (value >= 1 && value <= 1440),
				() => m.error_notice_follow_up()
			)
		)
	}),
	v.forward(
		v.check(
			(input) =>
				locales.every(
					(locale) => (input[`title_${locale}`] === undefined) === (input[`body_${locale}`] === undefined)
				),
			() => m.error_notice_translation_incomplete()
		),
		['title']
	),
	v.transform((input): BroadcastInput => {
		const translations: Partial<Record<Locale, BroadcastText>> = {};
		for (const locale of locales) {
			const localTitle = input[`title_${locale}`];
			const localBody = input[`body_${locale}`];
			if (localTitle && localBody) translations[locale] = { title: localTitle, body: localBody };
		}
		return {
			operationId: input.operationId,
			title: input.title,
			body: input.body,
			translations,
			urgency: input.urgency,
			requireAck: input.requireAck,
			followUpMinutes: input.requireAck ? input.followUpMinutes : undefined,
			audience: {
				zoneIds: input.zoneIds,
				shiftIds: input.shiftIds,
				roles: input.roles,
				locales: input.locales,
				onDutyNow: input.onDutyNow || undefined
			}
		};
	})
);
