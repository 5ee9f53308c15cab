// The operation form as the domain's input, shared by the new-operation and set-up pages.
import type * as v from 'valibot';
import {
	checkpointSchema,
	operationSchema,
	postSchema,
	routeSchema,
	zoneSchema
} from '$lib/schemas/rostering';
import { addDays, zonedTime } from '$lib/time';

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
