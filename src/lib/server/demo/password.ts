// The demo accounts' password: made at random the first time an installation seeds the demo, kept
// in the data folder beside secrets.json (mode 600, never in git) and printed at every start, so
// that no two installations share a password and none has one written in a README.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../secrets';

const FILE = 'demo-password';

/** The stored demo password, or null when this installation never seeded the demo. */
export function storedDemoPassword(dir = dataDir()): string | null {
	try {
		return readFileSync(join(dir, FILE), 'utf8').trim() || null;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/** The demo password, made and stored on first use. */
export function demoPassword(dir = dataDir()): string {
	const stored = storedDemoPassword(dir);
	if (stored) return stored;
	mkdirSync(dir, { recursive: true });
	// 15 random bytes: 20 characters a person can type from the console, ~120 bits.
	const password = randomBytes(15).toString('base64url');
	const file = join(dir, FILE);
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, password + '\n', { mode: 0o600 });
	renameSync(temporary, file);
	return password;
}
