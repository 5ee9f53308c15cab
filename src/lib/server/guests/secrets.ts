// The two things a guest holds: a card's code (printed, so it names a card but proves nothing) and
// the link to their own request (a random token, known only to them; the database keeps its hash).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** No 0/O, 1/I/L: a code is read off paper and may be typed. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** 8 of 31 characters, about 40 bits: with the miss limit per address, codes cannot be walked. */
export function newCardCode(): string {
	const bytes = new Uint8Array(CODE_LENGTH);
	let code = '';
	while (code.length < CODE_LENGTH) {
		crypto.getRandomValues(bytes);
		for (const byte of bytes) {
			// 248 = 8 × 31: rejecting the rest keeps every character equally likely.
			if (byte < 248 && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % 31];
		}
	}
	return code;
}

/** A card code as typed or scanned: case and stray spaces do not matter. */
export function normaliseCardCode(text: string): string | null {
	const code = text.replace(/[\s-]/g, '').toUpperCase();
	return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** 32 random bytes: the guest's link to their request. */
export function newRequestToken(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase64urlNoPadding(bytes);
}

export function requestTokenHash(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Addresses are counted, not kept: the rate limits store a hash. */
export function addressKey(address: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`guest-address:${address}`))).slice(0, 32);
}
