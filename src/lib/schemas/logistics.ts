// Forms of the supplies and rest-pod screens. Quantities arrive as text and leave as numbers in the
// item's unit; whether "2.5" suits the item (kg yes, bottles no) is the domain's call.
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { MOVEMENT_KINDS } from '$lib/logistics/movements';
import { UNITS } from '$lib/logistics/units';
import { optionalText, type FieldErrors, type Validation } from './forms';

const id = (message: () => string) => v.pipe(v.string(), v.trim(), v.nonEmpty(message));

/** "40", "2.5" or "2,5" (as typed on a Chinese or European keyboard) to a positive number. */
export const quantity = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty(() => m.error_stock_quantity_required()),
	v.transform((text) => text.replace(',', '.')),
	v.regex(/^\d{1,9}(\.\d{1,3})?$/, () => m.error_stock_quantity_invalid()),
	v.transform(Number),
	v.minValue(Number.MIN_VALUE, () => m.error_stock_quantity_invalid())
);

const isoDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, () => m.error_stock_best_before_invalid())
);

export const movementSchema = v.object({
	kind: v.picklist(MOVEMENT_KINDS, () => m.error_stock_kind_invalid()),
	itemId: id(() => m.error_stock_item_unknown()),
	quantity,
	fromPostId: v.optional(v.string(), ''),
	toPostId: v.optional(v.string(), ''),
	bestBefore: optionalText(isoDate),
	reason: optionalText(v.pipe(v.string(), v.maxLength(200))),
	supplier: optionalText(v.pipe(v.string(), v.maxLength(100)))
});

/** Correcting a ledger line: the hidden `id` is the movement. */
export const correctionSchema = v.object({
	id: id(() => m.error_not_found()),
	reason: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(() => m.error_stock_reason_required()),
		v.maxLength(200)
	)
});

export const itemSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, () => m.error_stock_item_name_invalid()),
		v.maxLength(60, () => m.error_stock_item_name_invalid())
	),
	unit: v.picklist(UNITS, () => m.error_stock_unit_invalid()),
	isMeal: v.optional(v.string(), '')
});

export const thresholdSchema = v.object({
	itemId: id(() => m.error_stock_item_unknown()),
	postId: id(() => m.error_stock_location_unknown()),
	minimum: v.pipe(
		v.string(),
		v.trim(),
		v.transform((text) => (text === '' ? '0' : text.replace(',', '.'))),
		v.regex(/^\d{1,9}(\.\d{1,3})?$/, () => m.error_stock_quantity_invalid()),
		v.transform(Number)
	)
});

export const podSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, () => m.error_pod_name_invalid()),
		v.maxLength(60, () => m.error_pod_name_invalid())
	),
	capacity: v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d{1,2}$/, () => m.error_pod_capacity_invalid()),
		v.transform(Number)
	),
	postId: v.optional(v.string(), ''),
	slotMinutes: v.pipe(v.optional(v.string(), '20'), v.transform(Number)),
	amenities: v.array(v.string())
});

export const requestSchema = v.object({
	postId: id(() => m.error_stock_location_unknown()),
	urgent: v.optional(v.string(), ''),
	note: optionalText(v.pipe(v.string(), v.maxLength(500))),
	clientId: v.optional(v.string(), '')
});

/** The quantities typed in a request form (`qty_<itemId>` fields); blank fields are skipped. */
export function requestLines(
	input: Record<string, unknown>
): Validation<{ itemId: string; quantity: number }[]> {
	const lines: { itemId: string; quantity: number }[] = [];
	const errors: FieldErrors = {};
	for (const [name, value] of Object.entries(input)) {
		if (!name.startsWith('qty_') || typeof value !== 'string' || value.trim() === '') continue;
		const parsed = v.safeParse(quantity, value);
		if (parsed.success) lines.push({ itemId: name.slice(4), quantity: parsed.output });
		else errors[name] = parsed.issues[0].message;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	if (!lines.length) return { ok: false, errors: { lines: m.error_supply_lines_required() } };
	return { ok: true, data: lines };
}

/**
 * The whole request form: its fields and its `qty_<itemId>` lines as `lines`, with an error under
 * each quantity that does not read (or under `lines` when none was filled in).
 */
export const supplyRequestForm = v.pipe(
	v.objectWithRest(requestSchema.entries, v.unknown()),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const lines = requestLines(dataset.value);
		if (!lines.ok) {
			for (const [key, message] of Object.entries(lines.errors)) {
				addIssue({
					message,
					path: [{ type: 'object', origin: 'value', input: dataset.value, key, value: dataset.value[key] }]
				});
			}
			return NEVER;
		}
		const { postId, urgent, note, clientId } = dataset.value;
		return { postId, urgent: urgent === 'on', note, clientId, lines: lines.data };
	})
);
