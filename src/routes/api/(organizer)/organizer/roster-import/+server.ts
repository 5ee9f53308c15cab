// The roster import with progress: the page posts the checked file here and reads one JSON line
// per written chunk, then a last line with the outcome. The import itself is all or nothing.
import { json } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { errorText } from '$lib/i18n';
import { checkRoster, importRoster, RosterProblems } from '$lib/server/volunteers/roster-csv';
import { describeProblems } from '$lib/server/volunteers/roster-problems';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const actor = requireArea('organizer');
	const form = await request.formData();
	const csv = String(form.get('csv') ?? '');
	const operationId = String(form.get('operationId') ?? '');
	const { problems, rows } = await checkRoster(operationId, csv);
	if (problems.length || rows.length === 0) {
		return json(
			{
				code: 'roster_has_problems',
				message: errorText('roster_has_problems', { count: problems.length }),
				problems: describeProblems(problems)
			},
			{ status: 422 }
		);
	}
	const encoder = new TextEncoder();
	const stream = new ReadableStream({
		async start(controller) {
			const send = (line: object) => controller.enqueue(encoder.encode(JSON.stringify(line) + '\n'));
			try {
				const { imported } = await importRoster(actor.id, operationId, csv, (done, total) =>
					send({ type: 'progress', done, total })
				);
				send({ type: 'done', imported });
			} catch (caught) {
				const problems = caught instanceof RosterProblems ? describeProblems(caught.problems) : null;
				if (!problems) console.error(caught);
				send({
					type: 'failed',
					message: errorText(problems ? 'roster_has_problems' : 'unexpected', {
						count: problems?.total ?? 0
					}),
					problems
				});
			}
			controller.close();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' }
	});
};
