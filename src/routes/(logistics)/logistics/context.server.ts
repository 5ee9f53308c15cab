// What every logistics page starts from: the person (checked) and the operation they work on
// (the one operation-scope check, $lib/server/operations/access). Actions use operationAction.
import { requireArea } from '$lib/server/auth/guards';
import { currentOperationOf } from '$lib/server/operations/access';

export async function logisticsContext() {
	const user = requireArea('logistics');
	const operation = await currentOperationOf(user);
	return { user, operation };
}
