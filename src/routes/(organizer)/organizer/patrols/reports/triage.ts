// The triage form's action, shared by the reports list and a report's own page. The hidden `id`
// is the report; its operation must be one the person works on.
import * as v from 'valibot';
import { recordId } from '$lib/schemas/forms';
import { REPORT_STATUSES, triageSchema } from '$lib/schemas/patrol';
import { operationAction } from '$lib/server/forms';
import { reportOperationId } from '$lib/server/reports/reports';
import { triageReport } from '$lib/server/reports/triage';

const schema = v.object({
	...recordId.entries,
	...triageSchema.entries,
	seenStatus: v.picklist(REPORT_STATUSES)
});

const triage = operationAction({
	form: 'triage',
	area: 'organizer',
	schema,
	operation: (_event, data) => reportOperationId(data.id),
	run: async ({ user, data }) => {
		await triageReport({
			actorId: user.id,
			reportId: data.id,
			status: data.status || undefined,
			note: data.note,
			seenStatus: data.seenStatus
		});
		return { id: data.id };
	}
});

export const triageActions = { triage };
