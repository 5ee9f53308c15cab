import { formObject } from '$lib/schemas/forms';
import { reportSchema } from '$lib/schemas/patrol';
import { requireArea } from '$lib/server/auth/guards';
import { fileReport } from '$lib/server/reports/reports';
import { handle } from '../handle';
import type { RequestHandler } from './$types';

/** Multipart, so that the photo travels as bytes beside the fields. */
export const POST: RequestHandler = async ({ request }) => {
	const user = requireArea('volunteer');
	let form: FormData | undefined;
	try {
		form = await request.formData();
	} catch {
		form = undefined;
	}
	const { photo, ...fields } = form ? formObject(form) : {};
	return handle(reportSchema, form && fields, async (input) => {
		const bytes = photo instanceof File && photo.size > 0 ? new Uint8Array(await photo.arrayBuffer()) : null;
		const { report, duplicate } = await fileReport(user.id, input, bytes && { bytes });
		const { userId: _userId, ...result } = report;
		return { duplicate, result };
	});
};
