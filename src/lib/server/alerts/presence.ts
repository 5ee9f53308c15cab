// Each volunteer's last sign of life: any write from the app (check-in, report, SOS) and the app's
// heartbeat while it is open, with the phone's last position. Welfare checks read `seenAt`; the
// SOS ladder reads the position to find the nearest people on duty.
import { db as defaultDb, type Db, type Tx } from '../db';

export interface Position {
	lat?: number | null;
	lng?: number | null;
	accuracy?: number | null;
}

/** At most one write per person per this long, however often the app calls (a heartbeat storm). */
const QUIET_MS = 30_000;

export async function touchPresence(
	userId: string,
	position: Position = {},
	at = new Date(),
	client: Db | Tx = defaultDb
): Promise<void> {
	const hasPosition = position.lat != null && position.lng != null;
	const fix = hasPosition
		? { lat: position.lat, lng: position.lng, accuracy: position.accuracy ?? null, positionAt: at }
		: {};
	// An upsert that skips writing when the last one is recent and brings no position.
	if (!hasPosition) {
		const { count } = await client.presence.updateMany({
			where: { userId, seenAt: { lt: new Date(at.getTime() - QUIET_MS) } },
			data: { seenAt: at }
		});
		if (count) return;
		if (await client.presence.findUnique({ where: { userId }, select: { userId: true } })) return;
	}
	await client.presence.upsert({
		where: { userId },
		create: { userId, seenAt: at, ...fix },
		update: { seenAt: at, ...fix }
	});
}
