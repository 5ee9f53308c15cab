// Secrets made once per installation and kept outside git, in DATA_DIR/secrets.json (mode 600).
// Environment variables override them, which is how a multi-server deployment shares one set.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webpush from 'web-push';

export interface Secrets {
	/** HMAC key for tokens the app hands out and checks later (checkpoint QR codes, feed links). */
	signingKey: string;
	vapid: { publicKey: string; privateKey: string; subject: string };
}

export function dataDir(): string {
	return resolve(process.env.DATA_DIR || './data');
}

function create(): Secrets {
	const vapid = webpush.generateVAPIDKeys();
	return {
		signingKey: randomBytes(32).toString('base64url'),
		vapid: { ...vapid, subject: 'mailto:operations@redband.invalid' }
	};
}

function readOrCreate(): Secrets {
	const file = join(dataDir(), 'secrets.json');
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	mkdirSync(dataDir(), { recursive: true });
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(create(), null, '\t') + '\n', { mode: 0o600 });
	renameSync(temporary, file);
	return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
}

let cached: Secrets | undefined;

export function secrets(): Secrets {
	if (cached) return cached;
	const stored = readOrCreate();
	const env = process.env;
	cached = {
		signingKey: env.SIGNING_KEY || stored.signingKey,
		vapid: {
			publicKey: env.VAPID_PUBLIC_KEY || stored.vapid.publicKey,
			privateKey: env.VAPID_PRIVATE_KEY || stored.vapid.privateKey,
			subject: env.VAPID_SUBJECT || stored.vapid.subject
		}
	};
	return cached;
}
