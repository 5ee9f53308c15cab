import { PrismaClient } from './generated/sqlite/client';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { adapterFor } from './adapter';
import { databaseTarget, type DatabaseTarget } from './target';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

/**
 * Both generated clients have the same models; the SQLite one's types serve for both, so code
 * that compiles uses only what the two providers share.
 */
export function createDb(target: DatabaseTarget = databaseTarget()): Db {
	const adapter = adapterFor(target);
	if (target.provider === 'sqlite') return new PrismaClient({ adapter, transactionOptions });
	return new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as Db;
}

export const dbTarget = databaseTarget();
export const db = createDb(dbTarget);

export * from './generated/sqlite/enums';

/** True when a write hit a unique index (Prisma's P2002), e.g. an id a phone already sent. */
export function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === 'P2002';
}

/**
 * True when the database was busy (Prisma's P1008, "Operation has timed out": SQLite's busy
 * timeout ran out, or a snapshot another connection wrote past): the work can simply be retried.
 */
export function isBusy(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === 'P1008';
}
