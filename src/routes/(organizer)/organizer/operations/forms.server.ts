// Reading the setup forms shared by the operation pages: each returns the domain input or a fail().
import { fail } from '@sveltejs/kit';
import type * as v from 'valibot';
import {
	checkpointSchema,
	operationSchema,
	postSchema,
	routeSchema,
	zoneSchema
} from '$lib/schemas/rostering';
import { formObject, safeValues, validate } from '$lib/schemas/forms';
import { failWith } from '$lib/server/http';
import { addDays, zonedTime } from '$lib/time';

/** Which form on the page a failure belongs to ("zone:new", "post:abc"), so errors show beside it. */
export async function readForm<S extends v.GenericSchema>(request: Request, schema: S) {
	const input = formObject(await request.formData());
	const target = typeof input.target === 'string' ? input.target : '';
	const parsed = validate(schema, input);
	if (!parsed.ok) return { failure: fail(400, { target, errors: parsed.errors, values: safeValues(input) }) };
	return { data: parsed.data as v.InferOutput<S>, target, input };
}

/** A DomainError as a failure of one form. */
export function failFor(target: string, caught: unknown) {
	const failure = failWith(caught);
	return fail(failure.status, { target, ...failure.data });
}

export function operationInput(data: v.InferOutput<typeof operationSchema>) {
	return {
		name: data.name,
		description: data.description,
		timezone: data.timezone,
		// The whole of both days, in the operation's own timezone.
		startsAt: zonedTime(data.startDate, '00:00', data.timezone),
		endsAt: zonedTime(addDays(data.endDate, 1), '00:00', data.timezone),
		minRestMinutes: data.minRestHours * 60,
		maxMinutesPerDay: data.maxHoursPerDay * 60
	};
}

export { checkpointSchema, operationSchema, postSchema, routeSchema, zoneSchema };
