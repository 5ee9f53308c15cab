// The triage form's action, shared by the reports list and a report's own page.
import { fail } from '@sveltejs/kit';
import type { Action } from '@sveltejs/kit';
import * as v from 'valibot';
import { formObject, validate } from '$lib/schemas/forms';
import { REPORT_STATUSES, triageSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { failWith, type FormFailure } from '$lib/server/http';
import { triageReport } from '$lib/server/reports/triage';

const target = v.object({
	reportId: v.pipe(v.string(), v.nonEmpty()),
	seenStatus: v.picklist(REPORT_STATUSES)
});

const triage: Action = async ({ request }) => {
	const actor = requireArea('organizer');
	const input = formObject(await request.formData());
	const which = validate(target, input);
	const parsed = validate(triageSchema, input);
	if (!which.ok) return fail(400, { errors: which.errors } as FormFailure & { reportId?: string });
	const reportId = which.data.reportId;
	if (!parsed.ok)
		return fail(400, { errors: parsed.errors, reportId } as FormFailure & { reportId?: string });
	try {
		await triageReport({
			actorId: actor.id,
			reportId,
			status: parsed.data.status || undefined,
			note: parsed.data.note,
			seenStatus: which.data.seenStatus
		});
	} catch (error) {
		const failure = failWith(error);
		return fail(failure.status, { ...failure.data, reportId });
	}
	return { saved: reportId };
};

export const triageActions = { triage };
