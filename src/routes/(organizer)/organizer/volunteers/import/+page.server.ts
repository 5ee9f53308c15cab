import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { failWith } from '$lib/server/http';
import { operationChoices, pickOperation } from '$lib/server/operations/operations';
import { checkRoster, importRoster, MAX_BYTES, RosterProblems } from '$lib/server/volunteers/roster-csv';
import { describeProblems } from '$lib/server/volunteers/roster-problems';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	requireArea('organizer');
	const operation = await pickOperation(url.searchParams.get('operation'));
	return { operations: await operationChoices(), operationId: operation?.id ?? null };
}) satisfies PageServerLoad;

async function readUpload(form: FormData): Promise<string | null> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		return file.size > MAX_BYTES ? null : file.text();
	}
	const text = form.get('csv');
	return typeof text === 'string' && text.trim() ? text : null;
}

export const actions = {
	preview: async ({ request }) => {
		requireArea('organizer');
		const form = await request.formData();
		const operationId = String(form.get('operationId') ?? '');
		const csv = await readUpload(form);
		if (!csv) return fail(400, { errors: { file: m.error_roster_file_required({ mb: MAX_BYTES / 1e6 }) } });
		const { rows, problems } = await checkRoster(operationId, csv);
		return {
			preview: {
				csv,
				operationId,
				rows: rows.length,
				sample: rows.slice(0, 5),
				problems: describeProblems(problems)
			}
		};
	},
	import: async ({ request }) => {
		const actor = requireArea('organizer');
		const form = await request.formData();
		const operationId = String(form.get('operationId') ?? '');
		const csv = await readUpload(form);
		if (!csv) return fail(400, { errors: { file: m.error_roster_file_required({ mb: MAX_BYTES / 1e6 }) } });
		try {
			return { imported: (await importRoster(actor.id, operationId, csv)).imported };
		} catch (caught) {
			if (caught instanceof RosterProblems) {
				return fail(422, {
					preview: { csv, operationId, rows: 0, sample: [], problems: describeProblems(caught.problems) }
				});
			}
			return failWith(caught);
		}
	}
} satisfies Actions;
