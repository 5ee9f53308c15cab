// Short salted hashes of checkpoint codes for phones (see $lib/patrol-view's ViewCode).
import { createHash, createHmac } from 'node:crypto';
import { CODE_HASH_CHARS, normaliseCode } from '$lib/patrol-view';
import { secrets } from '../secrets';

/** One salt per person: two volunteers' hashes of the same code differ, so none can be shared. */
export function codeSaltOf(userId: string): string {
	return createHmac('sha256', secrets().signingKey)
		.update(`code-salt:${userId}`)
		.digest('base64url')
		.slice(0, 16);
}

/** The same hash as $lib/patrol-view's codeHash (which the phone computes with WebCrypto). */
export function codeHashOf(salt: string, code: string): string {
	return createHash('sha256')
		.update(`${salt}:${normaliseCode(code)}`)
		.digest('hex')
		.slice(0, CODE_HASH_CHARS);
}
