// What a checkpoint's QR poster carries: a signed token naming the checkpoint and its route, inside
// a link to the app (a phone's own camera app opens it; the in-app scanner reads the token from it).
// A forged token, or one copied from another route's poster, is refused at check-in.
import { readToken, signToken } from '../signing';

const PURPOSE = 'checkpoint';

export interface CheckpointClaim {
	/** Checkpoint id. */
	c: string;
	/** Route id. */
	r: string;
}

export function checkpointToken(checkpoint: { id: string; routeId: string }): string {
	return signToken(PURPOSE, { c: checkpoint.id, r: checkpoint.routeId } satisfies CheckpointClaim);
}

export function checkpointLink(origin: string, checkpoint: { id: string; routeId: string }): string {
	return `${origin}/scan/${checkpointToken(checkpoint)}`;
}

/** Accepts a bare token or a scanned link; null when the token is not one this app made. */
export function readCheckpointToken(scanned: string): CheckpointClaim | null {
	const token = scanned.trim().split('/scan/').pop() ?? '';
	const claim = readToken<CheckpointClaim>(PURPOSE, token);
	return claim && typeof claim.c === 'string' && typeof claim.r === 'string' ? claim : null;
}
