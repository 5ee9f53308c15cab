import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type {
	IsolationLevel,
	SqlDriverAdapter,
	SqlMigrationAwareDriverAdapterFactory,
	SqlQuery,
	Transaction
} from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './target';

/** A promise-chain mutex: callers run one after another, in arrival order. */
class Lock {
	#tail: Promise<void> = Promise.resolve();

	acquire(): Promise<() => void> {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const previous = this.#tail;
		this.#tail = previous.then(() => held);
		return previous.then(() => release);
	}
}

/**
 * The better-sqlite3 adapter shares one connection between interactive transactions and every
 * other query. A query from another request that runs while a transaction is open would execute
 * inside that transaction (seeing its uncommitted rows, and vanishing if it rolls back). This
 * wrapper makes such queries wait until the transaction ends. SQLite runs one writer at a time
 * and better-sqlite3 is synchronous, so no parallelism is lost.
 */
class SerializedSqliteAdapter implements SqlDriverAdapter {
	readonly provider: SqlDriverAdapter['provider'];
	readonly adapterName: string;
	#lock = new Lock();

	constructor(private readonly inner: SqlDriverAdapter) {
		this.provider = inner.provider;
		this.adapterName = inner.adapterName;
	}

	async #exclusive<T>(work: () => Promise<T>): Promise<T> {
		const release = await this.#lock.acquire();
		try {
			return await work();
		} finally {
			release();
		}
	}

	queryRaw(query: SqlQuery) {
		return this.#exclusive(() => this.inner.queryRaw(query));
	}

	executeRaw(query: SqlQuery) {
		return this.#exclusive(() => this.inner.executeRaw(query));
	}

	executeScript(script: string) {
		return this.#exclusive(() => this.inner.executeScript(script));
	}

	async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
		const release = await this.#lock.acquire();
		let transaction: Transaction;
		try {
			transaction = await this.inner.startTransaction(isolationLevel);
		} catch (error) {
			release();
			throw error;
		}
		const end = (finish: () => Promise<void>) => async () => {
			try {
				await finish();
			} finally {
				release();
			}
		};
		return {
			provider: transaction.provider,
			adapterName: transaction.adapterName,
			options: transaction.options,
			queryRaw: (query) => transaction.queryRaw(query),
			executeRaw: (query) => transaction.executeRaw(query),
			createSavepoint: transaction.createSavepoint?.bind(transaction),
			rollbackToSavepoint: transaction.rollbackToSavepoint?.bind(transaction),
			releaseSavepoint: transaction.releaseSavepoint?.bind(transaction),
			commit: end(() => transaction.commit()),
			rollback: end(() => transaction.rollback())
		};
	}

	getConnectionInfo() {
		return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
	}

	dispose() {
		return this.inner.dispose();
	}
}

class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
	readonly provider = 'sqlite' as const;
	readonly adapterName: string;
	#inner: PrismaBetterSqlite3;

	constructor(url: string) {
		this.#inner = new PrismaBetterSqlite3({ url, timeout: 10_000 });
		this.adapterName = this.#inner.adapterName;
	}

	async connect(): Promise<SqlDriverAdapter> {
		const adapter = new SerializedSqliteAdapter(await this.#inner.connect());
		// WAL lets readers in other processes (backups, the CLI) work while the app writes;
		// foreign keys are off by default in SQLite and the schema relies on them.
		await adapter.executeScript(
			'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;'
		);
		return adapter;
	}

	connectToShadowDb(): Promise<SqlDriverAdapter> {
		return this.#inner.connectToShadowDb();
	}
}

export function adapterFor(target: DatabaseTarget, poolSize = 10): SqlMigrationAwareDriverAdapterFactory {
	if (target.provider === 'sqlite') return new SqliteAdapterFactory(target.url);
	return new PrismaPg({ ...parseIntoClientConfig(target.url), max: poolSize });
}
