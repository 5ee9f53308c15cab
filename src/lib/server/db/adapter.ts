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

/** The longest stretch of queries run without letting the event loop read sockets and fire timers. */
const SLICE_MS = 10;
let sliceStarted = performance.now();
let turn: Promise<void> | null = null;

/**
 * better-sqlite3 answers synchronously, so every query's promise is already settled: requests
 * waiting for the lock take it one after another in microtasks, and the event loop never gets a
 * turn while any query is queued. At the quick peak that kept new connections, the board's page
 * and /api/health waiting 15-30 s while 64 busy connections were served. Every SLICE_MS the holder
 * of the lock lets the event loop run (setImmediate) before its query.
 */
function takeTurn(): Promise<void> | undefined {
	if (performance.now() - sliceStarted < SLICE_MS) return undefined;
	turn ??= new Promise<void>((resolve) =>
		setImmediate(() => {
			turn = null;
			sliceStarted = performance.now();
			resolve();
		})
	);
	return turn;
}

/**
 * Prisma loads a relation with a second query on the parents' keys, and sends it even when there
 * are none (no waitlisted shifts: their routes, posts and operations "WHERE id IN (NULL)"), or on a key
that is null (the post of a shift on a route: "WHERE id IN (?)" with null). At the
 * peak these were a tenth of the volunteer pages' queries (278 Zone, 184 Post, 163 Route, 141
 * Shift), each waiting its turn for the connection behind busy requests. A SELECT whose only
 * condition is `column IN (NULL, ...)` matches no row (NULL equals nothing): answered here.
 */
const ONLY_IN = /^SELECT [^;]* WHERE `main`\.`\w+`\.`\w+` IN \((NULL|(?:\?,)*\?)\)( LIMIT \? OFFSET \?)?$/;
export function readsNothing(sql: string, args: unknown[]): boolean {
	if (!sql.startsWith('SELECT ') || !sql.includes(' IN (')) return false;
	const match = ONLY_IN.exec(sql);
	if (!match || sql.split(' WHERE ').length !== 2) return false;
	if (match[1] === 'NULL') return true;
	// `IN (?)` with a null key (a shift's post when it has a route): the list's placeholders must
	// be the only ones besides LIMIT and OFFSET, so they are the first arguments.
	const listed = match[1].split('?').length - 1;
	const placeholders = sql.split('?').length - 1;
	if (placeholders !== listed + (match[2] ? 2 : 0) || args.length !== placeholders) return false;
	return args.slice(0, listed).every((arg) => arg === null);
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
			await takeTurn();
			return await work();
		} finally {
			release();
		}
	}

	queryRaw(query: SqlQuery) {
		if (readsNothing(query.sql, query.args))
			return Promise.resolve({ columnNames: [], columnTypes: [], rows: [] });
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
			await takeTurn();
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

interface Statement {
	reader: boolean;
	run(params: unknown[]): unknown;
	columns(): { name: string; type: string | null }[];
	raw(toggle: boolean): { all(params: unknown[]): unknown[] };
}
interface StatementSource {
	prepare(sql: string): unknown;
}

const STATEMENT_CACHE = 1000;

/**
 * The better-sqlite3 adapter prepares every query anew (`prepare(sql).bind(args)`), which was 7%
 * of the server's CPU at the peak; Prisma sends the same few hundred SQL texts over and over.
 * This keeps the prepared statements by SQL text and hands the adapter a statement already bound
 * to its arguments in the shape it uses (`reader`, `run`, `columns`, `raw().all()`). A statement
 * is only ever used synchronously, so sharing one between queries is safe.
 */
function cacheStatements(client: StatementSource | undefined) {
	if (!client || typeof client.prepare !== 'function') return;
	const prepare = client.prepare.bind(client) as (sql: string) => Statement;
	const statements = new Map<string, { prepared: Statement; columns?: ReturnType<Statement['columns']> }>();
	client.prepare = (sql: string) => {
		let statement = statements.get(sql);
		if (!statement) {
			statement = { prepared: prepare(sql) };
			if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
			statements.set(sql, statement);
		}
		const entry = statement;
		const prepared = entry.prepared;
		const bound = (params: unknown[]) => ({
			reader: prepared.reader,
			run: () => prepared.run(params),
			// A statement's columns are fixed once it is prepared, and better-sqlite3 builds them
			// afresh on each call (3% of the server's CPU at the peak): read them once. The adapter
			// only maps over them.
			columns: () => (entry.columns ??= prepared.columns()),
			raw: () => ({ all: () => prepared.raw(true).all(params) })
		});
		return { reader: prepared.reader, run: () => prepared.run([]), bind: bound };
	};
}

/**
 * Interactive transactions begin with BEGIN IMMEDIATE instead of the adapter's plain BEGIN. A
 * plain BEGIN takes SQLite's write lock only at the transaction's first write; when it reads
 * first (a check, then the insert) and another connection (a second process, the admin CLI, a
 * benchmark's own client) commits in between, the write fails at once with SQLITE_BUSY_SNAPSHOT,
 * which Prisma reports as "Operation has timed out" (P1008): the patrol watch lost alerts that way
 * during a sign-up rush. Taken up front, the lock is waited for (busy timeout) and then kept. In
 * this process transactions already run one at a time (SerializedSqliteAdapter), so nothing is
 * lost; readers elsewhere are not blocked (WAL).
 */
function beginImmediately(client: StatementSource | undefined) {
	if (!client || typeof client.prepare !== 'function') return;
	const prepare = client.prepare.bind(client);
	client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);
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
		const inner = await this.#inner.connect();
		const client = (inner as unknown as { client: StatementSource }).client;
		cacheStatements(client);
		beginImmediately(client);
		const adapter = new SerializedSqliteAdapter(inner);
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

/**
 * Prisma's query interpreter loads the relations of one query side by side (a shift's route, post
 * and operation: three SELECTs at once). Outside a transaction each takes its own pooled
 * connection; inside an interactive transaction they all go to the transaction's one connection,
 * which pg queues with the warning "Calling client.query() when the client is already executing a
 * query is deprecated" (an error from pg 9 on). This sends a transaction's queries one at a time.
 */
function serializeTransactionQueries(transaction: Transaction): Transaction {
	const lock = new Lock();
	const one =
		<T>(run: (query: SqlQuery) => Promise<T>) =>
		async (query: SqlQuery): Promise<T> => {
			const release = await lock.acquire();
			try {
				return await run(query);
			} finally {
				release();
			}
		};
	const queryRaw = one((query) => transaction.queryRaw(query));
	const executeRaw = one((query) => transaction.executeRaw(query));
	return new Proxy(transaction, {
		get(target, property, receiver) {
			if (property === 'queryRaw') return queryRaw;
			if (property === 'executeRaw') return executeRaw;
			const value = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

function serializedPg(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
	const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
		new Proxy(adapter, {
			get(target, property, receiver) {
				if (property === 'startTransaction') {
					return async (isolationLevel?: IsolationLevel) =>
						serializeTransactionQueries(await target.startTransaction(isolationLevel));
				}
				const value = Reflect.get(target, property, receiver);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	return new Proxy(factory, {
		get(target, property, receiver) {
			if (property === 'connect') return async () => wrapAdapter(await target.connect());
			const value = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

export function adapterFor(target: DatabaseTarget, poolSize = 10): SqlMigrationAwareDriverAdapterFactory {
	if (target.provider === 'sqlite') return new SqliteAdapterFactory(target.url);
	return serializedPg(new PrismaPg({ ...parseIntoClientConfig(target.url), max: poolSize }));
}
