// A volunteer's badge QR: a signed token naming the person, which a post scans to serve a meal.
// A forged or altered badge is refused; the token carries nothing but the account id.
import { readToken, signToken } from '../signing';

const PURPOSE = 'badge';

export function badgeToken(userId: string): string {
	return signToken(PURPOSE, { u: userId });
}

/** The person a scanned badge names (a bare token or a link ending in one), or null. */
export function readBadge(scanned: string): string | null {
	const token =
		String(scanned ?? '')
			.trim()
			.split('/')
			.pop() ?? '';
	const claim = readToken<{ u?: unknown }>(PURPOSE, token);
	return claim && typeof claim.u === 'string' ? claim.u : null;
}
