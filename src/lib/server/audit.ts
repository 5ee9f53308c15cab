import type { Db, Tx } from './db';

export interface AuditEvent {
	actorId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	detail?: unknown;
}

/** Records who did what; call it inside the transaction that makes the change. */
export async function audit(client: Db | Tx, event: AuditEvent): Promise<void> {
	await client.auditEntry.create({
		data: {
			actorId: event.actorId,
			action: event.action,
			subjectType: event.subjectType,
			subjectId: event.subjectId,
			detail: event.detail === undefined ? null : JSON.stringify(event.detail)
		}
	});
}
