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
	/** The route's poster version when printed (absent on posters printed before versions: 1). */
	v?: number;
}

type PosterCheckpoint = { id: string; routeId: string; posterVersion?: number };

export function checkpointToken(checkpoint: PosterCheckpoint): string {
	const version = checkpoint.posterVersion ?? 1;
	return signToken(PURPOSE, {
		c: checkpoint.id,
		r: checkpoint.routeId,
		// Version 1 keeps the token as it was before versions, so old and new posters read alike.
		...(version > 1 ? { v: version } : {})
	} satisfies CheckpointClaim);
}

export function checkpointLink(origin: string, checkpoint: PosterCheckpoint): string {
	return `${origin}/scan/${checkpointToken(checkpoint)}`;
}

/** Accepts a bare token or a scanned link; null when the token is not one this app made. */
export function readCheckpointToken(scanned: string): CheckpointClaim | null {
	const token = scanned.trim().split('/scan/').pop() ?? '';
	const claim = readToken<CheckpointClaim>(PURPOSE, token);
	if (!claim || typeof claim.c !== 'string' || typeof claim.r !== 'string') return null;
	if (claim.v !== undefined && !(Number.isInteger(claim.v) && claim.v >= 1)) return null;
	return claim;
}
