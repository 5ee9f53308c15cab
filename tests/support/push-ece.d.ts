// http_ece ships no types; only what the test push service uses.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';

	interface DecryptParams {
		version: 'aes128gcm';
		privateKey: ECDH;
		/** base64url, or the raw bytes. */
		authSecret: string | Buffer;
	}

	const ece: { decrypt(buffer: Buffer, params: DecryptParams): Buffer };
	export default ece;
}
