import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { operationAction } from '$lib/server/forms';
import { pageError } from '$lib/server/http';
import { operationChoicesFor, pickOperationFor } from '$lib/server/operations/access';
import { checkRoster, importRoster, MAX_BYTES, RosterProblems } from '$lib/server/volunteers/roster-csv';
import { describeProblems } from '$lib/server/volunteers/roster-problems';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const actor = requireArea('organizer');
	try {
		const operation = await pickOperationFor(actor, url.searchParams.get('operation'));
		return { operations: await operationChoicesFor(actor), operationId: operation?.id ?? null };
	} catch (caught) {
		pageError(caught);
	}
}) satisfies PageServerLoad;

/** The file chosen, or the text the preview carried over to the confirm form. */
async function readUpload(input: Record<string, unknown>): Promise<string> {
	const { file, csv } = input;
	if (file instanceof File && file.size > 0 && file.size <= MAX_BYTES) return file.text();
	if (!(file instanceof File && file.size > 0) && typeof csv === 'string' && csv.trim()) return csv;
	throw new DomainError('roster_file_required', { field: 'file', params: { mb: MAX_BYTES / 1e6 } });
}

// The operation the roster goes into: one the organizer works on (a 404 otherwise).
const upload = {
	area: 'organizer',
	schema: v.object({ operationId: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)) }),
	operation: (_event: unknown, data: { operationId: string }) => data.operationId
} as const;

export const actions = {
	preview: operationAction({
		...upload,
		form: 'preview',
		run: async ({ input, operation }) => {
			const csv = await readUpload(input);
			const { rows, problems } = await checkRoster(operation.id, csv);
			return {
				preview: {
					csv,
					operationId: operation.id,
					rows: rows.length,
					sample: rows.slice(0, 5),
					problems: describeProblems(problems)
				}
			};
		}
	}),
	import: operationAction({
		...upload,
		form: 'import',
		run: async ({ user, input, operation }) => {
			const csv = await readUpload(input);
			try {
				return { imported: (await importRoster(user.id, operation.id, csv)).imported };
			} catch (caught) {
				// The file changed under the preview's feet (or a row became a duplicate since): show
				// the problems again, as the preview would, instead of importing anything.
				if (!(caught instanceof RosterProblems)) throw caught;
				const problems = describeProblems(caught.problems);
				return { preview: { csv, operationId: operation.id, rows: 0, sample: [], problems } };
			}
		}
	})
} satisfies Actions;
