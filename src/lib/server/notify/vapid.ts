import { secrets } from '../secrets';

/** The application server key for `pushManager.subscribe()` (base64url). */
export function vapidPublicKey(): string {
	return secrets().vapid.publicKey;
}
