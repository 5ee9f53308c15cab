import { auditChoices, auditLog } from '$lib/server/audit-log';
import { operationChoicesFor } from '$lib/server/operations/access';
import { auditScope } from './filter.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const { user, operation, filter } = await auditScope(url);
	if (!operation) return { operation: null, filter, page: null, choices: null, operations: [], admin: false };
	const [page, choices, operations] = await Promise.all([
		auditLog(user, operation, filter, url.searchParams.get('before') ?? undefined),
		auditChoices(user, operation, filter.accounts),
		operationChoicesFor(user)
	]);
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		filter,
		page,
		choices,
		operations,
		admin: user.role === 'ADMIN'
	};
}) satisfies PageServerLoad;
