// Reading the shift forms: the wall-clock date and times become instants in the operation's
// timezone; an end at or before the start is the next morning.
import { error } from '@sveltejs/kit';
import type * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { pickOperation } from '$lib/server/operations/operations';
import { placeIds, type batchSchema, type shiftSchema } from '$lib/schemas/rostering';
import { addDays, zonedTime } from '$lib/time';
import type { BatchPattern } from '$lib/server/shifts/bulk';
import type { ShiftInput } from '$lib/server/shifts/shifts';

function common(data: v.InferOutput<typeof shiftSchema> | v.InferOutput<typeof batchSchema>) {
	return {
		...placeIds(data.place),
		title: data.title,
		headcount: data.headcount,
		skills: data.skills,
		languages: data.languages,
		minAge: data.minAge ?? null,
		instructions: data.instructions
	};
}

export function shiftInput(data: v.InferOutput<typeof shiftSchema>, timezone: string): ShiftInput {
	const overnight = data.endTime <= data.startTime;
	return {
		...common(data),
		startsAt: zonedTime(data.date, data.startTime, timezone),
		endsAt: zonedTime(overnight ? addDays(data.date, 1) : data.date, data.endTime, timezone)
	};
}

export function batchInput(data: v.InferOutput<typeof batchSchema>, label: string): BatchPattern {
	return {
		...common(data),
		fromDate: data.fromDate,
		toDate: data.toDate,
		startTime: data.startTime,
		endTime: data.endTime,
		label
	};
}

/** The operation a shift page works on (?operation=, else the current one); 404 when there is none. */
export async function requireOperation(url: URL) {
	const operation = await pickOperation(url.searchParams.get('operation'));
	if (!operation) error(404, m.organizer_no_operation());
	return operation;
}
