// Forms of the command view, the fresh-food screen and thanks.
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { MAX_SHELF_LIFE_HOURS } from '$lib/logistics/lots';

const operation = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64));
const id = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64));

export const wallLinkSchema = v.object({
	operation,
	label: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, () => m.error_wall_label_invalid()),
		v.maxLength(60, () => m.error_wall_label_invalid())
	)
});

export const wallRevokeSchema = v.object({ operation, id });

export const shelfLifeSchema = v.object({
	itemId: id,
	hours: v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d{0,3}$/, () => m.error_stock_shelf_life_invalid()),
		v.transform((text) => (text === '' ? null : Number(text))),
		v.nullable(
			v.pipe(
				v.number(),
				v.minValue(1, () => m.error_stock_shelf_life_invalid()),
				v.maxValue(MAX_SHELF_LIFE_HOURS, () => m.error_stock_shelf_life_invalid())
			)
		)
	)
});

export const writeOffSchema = v.object({
	itemId: id,
	postId: id,
	lot: v.pipe(v.string(), v.maxLength(20)),
	reason: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_stock_reason_required()),
		v.maxLength(200)
	)
});

export const mealDepotSchema = v.object({
	postId: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((text) => (text === '' ? null : text))
	)
});

export const thanksSchema = v.object({
	operation,
	shiftId: v.optional(v.pipe(v.string(), v.maxLength(64)), ''),
	userId: v.optional(v.pipe(v.string(), v.maxLength(64)), ''),
	message: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, () => m.error_thanks_message_invalid()),
		v.maxLength(1000, () => m.error_thanks_message_invalid())
	)
});
