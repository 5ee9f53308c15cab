import type { Db, Tx } from './db';

export interface AuditEvent {
	actorId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	/** The operation the change belongs to; found from the subject when left out (null: none). */
	operationId?: string | null;
	detail?: unknown;
}

type Client = Db | Tx;
type Owner = (client: Client, id: string) => Promise<{ operationId: string } | null>;
const operationIdOnly = { operationId: true } as const;

/** Subjects that belong to one operation, and how to find it. */
const OWNERS: Record<string, Owner> = {
	Shift: (c, id) => c.shift.findUnique({ where: { id }, select: operationIdOnly }),
	ShiftBatch: (c, id) => c.shiftBatch.findUnique({ where: { id }, select: operationIdOnly }),
	Zone: (c, id) => c.zone.findUnique({ where: { id }, select: operationIdOnly }),
	Post: (c, id) => c.post.findUnique({ where: { id }, select: operationIdOnly }),
	Route: (c, id) => c.route.findUnique({ where: { id }, select: operationIdOnly }),
	Checkpoint: (c, id) => c.checkpoint.findUnique({ where: { id }, select: operationIdOnly }),
	FieldReport: (c, id) => c.fieldReport.findUnique({ where: { id }, select: operationIdOnly }),
	Broadcast: (c, id) => c.broadcast.findUnique({ where: { id }, select: operationIdOnly }),
	StockMovement: (c, id) => c.stockMovement.findUnique({ where: { id }, select: operationIdOnly }),
	Item: (c, id) => c.item.findUnique({ where: { id }, select: operationIdOnly }),
	Pod: (c, id) => c.pod.findUnique({ where: { id }, select: operationIdOnly }),
	Operation: async (_, id) => ({ operationId: id })
};

/**
 * Records who did what; call it inside the transaction that makes the change. The entry is filed
 * under its operation, so organizers see their operations' entries on the audit screen.
 */
export async function audit(client: Client, event: AuditEvent): Promise<void> {
	const operationId =
		event.operationId !== undefined
			? event.operationId
			: ((await OWNERS[event.subjectType]?.(client, event.subjectId))?.operationId ?? null);
	await client.auditEntry.create({
		data: {
			operationId,
			actorId: event.actorId,
			action: event.action,
			subjectType: event.subjectType,
			subjectId: event.subjectId,
			detail: event.detail === undefined ? null : JSON.stringify(event.detail)
		}
	});
}
