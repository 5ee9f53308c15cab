// The audit screen's operation and filter, from the address (a GET form, so filters are links).
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { AuditFilter } from '$lib/server/audit-log';
import { requireArea } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { pickOperationFor } from '$lib/server/operations/access';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: string | null, max = 64) => (value && value.length <= max ? value : undefined);

export async function auditScope(url: URL) {
	const user = requireArea('organizer');
	let operation;
	try {
		operation = await pickOperationFor(user, url.searchParams.get('operation'));
	} catch (caught) {
		pageError(caught);
	}
	const day = (name: string) => {
		const value = url.searchParams.get(name);
		if (!value) return undefined;
		if (!DAY.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) {
			error(400, m.error_report_day_invalid());
		}
		return value;
	};
	const filter: AuditFilter = {
		actorId: text(url.searchParams.get('person')),
		action: text(url.searchParams.get('action')),
		from: day('from'),
		to: day('to'),
		accounts: url.searchParams.get('accounts') === '1' && user.role === 'ADMIN'
	};
	return { user, operation, filter };
}
