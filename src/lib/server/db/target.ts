import { resolve } from 'node:path';

/** Where the data lives: the embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget =
	{ provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };

export const DEFAULT_DATABASE_URL = 'file:./data/redband.db';

export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
	if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
		return { provider: 'postgresql', url };
	}
	if (url.startsWith('file:')) {
		const file = resolve(url.slice('file:'.length));
		return { provider: 'sqlite', url: `file:${file}`, file };
	}
	throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(':')[0]}:")`);
}
