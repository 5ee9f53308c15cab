import { hash, verify } from '@node-rs/argon2';

// OWASP's recommended argon2id parameters (19 MiB, 2 passes, 1 lane).
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password);
}

// Verifying against a real hash when the account does not exist keeps the response time the
// same, so timing does not reveal which emails have accounts.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword('decoy-password-for-timing');
	await verify(await decoy, password);
	return false;
}
