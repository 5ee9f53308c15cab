// What every logistics page and action starts from: the person (checked) and the operation.
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireArea } from '$lib/server/auth/guards';
import { currentOperation } from '$lib/server/operations/operations';

export async function logisticsContext() {
	const user = requireArea('logistics');
	const operation = await currentOperation();
	return { user, operation };
}

/** For actions: the operation, or a form failure that says there is none. */
export async function logisticsAction() {
	const { user, operation } = await logisticsContext();
	if (!operation)
		return { user, operation: null, failure: fail(404, { errors: {}, message: m.organizer_no_operation() }) };
	return { user, operation, failure: null };
}
