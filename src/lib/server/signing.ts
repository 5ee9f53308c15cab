// Short tamper-proof tokens the app hands out and checks later: the payload is readable, the
// HMAC-SHA256 (keyed with the installation's signing key and the token's purpose) proves the app
// made it. A token made for one purpose is never valid for another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secrets } from './secrets';

const encode = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

function mac(purpose: string, body: string, key = secrets().signingKey): Buffer {
	return createHmac('sha256', key).update(`${purpose}.${body}`).digest().subarray(0, 16);
}

export function signToken(purpose: string, payload: unknown, key?: string): string {
	const body = encode(JSON.stringify(payload));
	return `${body}.${encode(mac(purpose, body, key))}`;
}

/** The payload of a token made by signToken for `purpose`, or null if it was not (or was altered). */
export function readToken<T>(purpose: string, token: string, key?: string): T | null {
	const [body, signature, extra] = token.split('.');
	if (!body || !signature || extra !== undefined) return null;
	const expected = mac(purpose, body, key);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	try {
		return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
	} catch {
		return null;
	}
}
