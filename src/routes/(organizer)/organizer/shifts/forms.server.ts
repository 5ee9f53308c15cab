// Reading the shift forms: the wall-clock date and times become instants in the operation's
// timezone ($lib/shifts/time: an end at or before the start is the next morning).
import { error } from '@sveltejs/kit';
import type * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { placeIds, type batchSchema, type shiftSchema } from '$lib/schemas/rostering';
import { wallClockWindow } from '$lib/shifts/time';
import type { SessionUser } from '$lib/server/auth/session';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';
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
	return { ...common(data), ...wallClockWindow(data.date, data.startTime, data.endTime, timezone) };
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

/**
 * The operation a shift page works on (?operation=, checked to be one of the person's; else their
 * working one); 404 when there is none.
 */
export async function shiftsOperation(user: SessionUser, url: URL) {
	let operation;
	try {
		operation = await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
	if (!operation) error(404, m.organizer_no_operation());
	return operation;
}

/** For operationAction: the operation named in the address (none: the working one). */
export const operationInAddress = ({ url }: { url: URL }) => url.searchParams.get('operation');
