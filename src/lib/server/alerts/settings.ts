// Per-operation settings of escalations (steps, waits, welfare times, the command post's phone).
// A missing row means the defaults, so a new operation escalates sensibly before anyone looks.
import type { AlertSettingsInput } from '$lib/schemas/escalation';
import { audit } from '../audit';
import { db as defaultDb, type Db, type Tx } from '../db';
import { ForbiddenError } from '../errors';
import { requireOperation, type OperationActor } from '../operations/access';

export interface AlertSettingsValues {
	stepWaitSeconds: number;
	nearestCount: number;
	welfareMinutes: number;
	welfareGraceMinutes: number;
	commandPostPhone: string | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettingsValues = {
	stepWaitSeconds: 60,
	nearestCount: 3,
	welfareMinutes: 30,
	welfareGraceMinutes: 5,
	commandPostPhone: null
};

export async function alertSettings(
	operationId: string,
	client: Db | Tx = defaultDb
): Promise<AlertSettingsValues> {
	const row = await client.alertSettings.findUnique({ where: { operationId } });
	if (!row) return { ...DEFAULT_ALERT_SETTINGS };
	return {
		stepWaitSeconds: row.stepWaitSeconds,
		nearestCount: row.nearestCount,
		welfareMinutes: row.welfareMinutes,
		welfareGraceMinutes: row.welfareGraceMinutes,
		commandPostPhone: row.commandPostPhone
	};
}

/** Organizers (and admins) of the operation change them; each change is audited. */
export async function saveAlertSettings(
	actor: OperationActor,
	operationId: string,
	input: AlertSettingsInput
) {
	if (actor.role !== 'ORGANIZER' && actor.role !== 'ADMIN') throw new ForbiddenError('alert_forbidden');
	await requireOperation(actor, operationId);
	return defaultDb.$transaction(async (tx) => {
		const saved = await tx.alertSettings.upsert({
			where: { operationId },
			create: { operationId, ...input },
			update: input
		});
		await audit(tx, {
			operationId,
			actorId: actor.id,
			action: 'alerts.settings',
			subjectType: 'Operation',
			subjectId: operationId,
			detail: { ...input }
		});
		return saved;
	});
}
